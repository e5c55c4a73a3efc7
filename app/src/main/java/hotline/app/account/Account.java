package hotline.app.account;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;

import java.util.UUID;

/** A person's (or a machine channel's) login. The password hash never leaves the repository layer's users. */
public record Account(UUID id, String username, String displayName, Role role, String passwordHash,
                      boolean enabled, String departmentId, int rosterPriority) {

    public Actor actor() {
        return new Actor(username, role, departmentId);
    }
}
