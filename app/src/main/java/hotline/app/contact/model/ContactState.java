package hotline.app.contact.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A contact's life: QUEUED → OFFERED (to one agent) → CONNECTED (accepted) → WRAP_UP (ended, agent in
 * after-call work) → COMPLETED (agent done). An offer not accepted in time goes back to QUEUED, keeping
 * its place. A caller who hangs up while waiting makes the contact ABANDONED.
 */
public enum ContactState {
    QUEUED,
    OFFERED,
    CONNECTED,
    WRAP_UP,
    COMPLETED,
    ABANDONED;

    private static final Map<ContactState, Set<ContactState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(OFFERED, ABANDONED),
            OFFERED, EnumSet.of(QUEUED, CONNECTED, ABANDONED),
            CONNECTED, EnumSet.of(WRAP_UP),
            WRAP_UP, EnumSet.of(COMPLETED),
            COMPLETED, EnumSet.noneOf(ContactState.class),
            ABANDONED, EnumSet.noneOf(ContactState.class));

    public boolean canMoveTo(ContactState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isEnded() {
        return this == COMPLETED || this == ABANDONED;
    }
}
