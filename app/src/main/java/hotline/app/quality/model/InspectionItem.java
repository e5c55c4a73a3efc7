package hotline.app.quality.model;

import java.util.Objects;

/**
 * One line of the inspection standard. A scored item carries a weight (its maximum points); a fatal item
 * (一票否决) carries none: if it applies, the whole inspection scores zero.
 */
public record InspectionItem(String code, String title, int weight, boolean fatal) {

    public InspectionItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        if (fatal && weight != 0) {
            throw new IllegalArgumentException("fatal item " + code + " carries no weight");
        }
        if (!fatal && weight <= 0) {
            throw new IllegalArgumentException("scored item " + code + " needs a positive weight");
        }
    }

    public static InspectionItem scored(String code, String title, int weight) {
        return new InspectionItem(code, title, weight, false);
    }

    public static InspectionItem fatal(String code, String title) {
        return new InspectionItem(code, title, 0, true);
    }
}
