package hotline.app.account.model;

import java.util.Objects;

/**
 * Who performs an action: username, role and, for department liaisons, their department.
 */
public record Actor(String username, Role role, String departmentId) {

    public static final Actor SYSTEM = new Actor("system", Role.SYSTEM, null);

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role == Role.DEPARTMENT && (departmentId == null || departmentId.isBlank())) {
            throw new IllegalArgumentException("a department liaison must belong to a department");
        }
    }

    public static Actor of(String username, Role role) {
        return new Actor(username, role, null);
    }
}
