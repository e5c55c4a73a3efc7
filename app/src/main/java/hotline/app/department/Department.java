package hotline.app.department;

import hotline.app.ticket.model.Category;

import java.util.Set;

/** A handling department (经办部门): bureau division, bureau unit, district water authority or utility. */
public record Department(String id, String name, String nameEn, Kind kind, Set<Category> categories, boolean active) {

    public enum Kind {
        BUREAU_DIVISION,
        BUREAU_UNIT,
        DISTRICT_AUTHORITY,
        UTILITY
    }
}
