package hotline.app.ticket.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Repeat complaints (重复投诉): the same caller, or the same place about the same topic, within the
 * configured window. Such tickets are linked and flagged for supervised handling (挂牌督办).
 */
public final class RepeatComplaintRule {

    public enum Reason {
        SAME_CALLER,
        SAME_LOCATION_TOPIC
    }

    private RepeatComplaintRule() {
    }

    /** Why {@code earlier} makes {@code current} a repeat, if it does. The time window is applied by the query. */
    public static Optional<Reason> match(Citizen current, Category currentCategory,
                                         String earlierPhone, String earlierLocationKey, Category earlierCategory) {
        if (current.phone() != null && current.phone().equals(earlierPhone)) {
            return Optional.of(Reason.SAME_CALLER);
        }
        String location = current.locationKey();
        if (location != null && currentCategory != null && location.equals(earlierLocationKey)
                && Objects.equals(currentCategory, earlierCategory)) {
            return Optional.of(Reason.SAME_LOCATION_TOPIC);
        }
        return Optional.empty();
    }
}
