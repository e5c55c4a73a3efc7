package hotline.app.seat.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an agent is. Login puts an agent on {@link #BREAK} (logged in, not taking contacts); the agent
 * chooses {@link #READY}; accepting an offer makes them {@link #BUSY}; completing the contact puts them in
 * {@link #AFTER_CALL_WORK}; "done" returns them to READY. Logout is possible from every state.
 */
public enum SeatState {
    OFFLINE,
    READY,
    BUSY,
    AFTER_CALL_WORK,
    BREAK;

    private static final Map<SeatState, Set<SeatState>> ALLOWED = Map.of(
            OFFLINE, EnumSet.of(BREAK),
            BREAK, EnumSet.of(READY, OFFLINE),
            READY, EnumSet.of(BREAK, BUSY, OFFLINE),
            BUSY, EnumSet.of(AFTER_CALL_WORK, OFFLINE),
            AFTER_CALL_WORK, EnumSet.of(READY, BREAK, OFFLINE));

    public boolean canMoveTo(SeatState target) {
        return ALLOWED.get(this).contains(target);
    }

    /** The state after {@code target} is requested; throws with what to do instead when the move is illegal. */
    public SeatState moveTo(SeatState target) {
        if (!canMoveTo(target)) {
            throw new IllegalSeatTransitionException(this, target, advice(target));
        }
        return target;
    }

    /** Logging in again from a second browser keeps the state the agent is in. */
    public SeatState afterLogin() {
        return this == OFFLINE ? BREAK : this;
    }

    /** States an agent may ask for directly; BUSY follows accepting an offer and OFFLINE follows logout. */
    public static boolean requestable(SeatState target) {
        return target == READY || target == BREAK;
    }

    /** Whether the agent counts as logged in (holds a seat). */
    public boolean loggedIn() {
        return this != OFFLINE;
    }

    private String advice(SeatState target) {
        return switch (this) {
            case OFFLINE -> "log in first (POST /api/seats/me/login)";
            case BUSY -> "complete the current contact first (POST /api/contacts/{id}/complete)";
            case BREAK -> target == BUSY ? "set yourself READY and accept an offer" : "set yourself READY first";
            case READY -> target == AFTER_CALL_WORK ? "accept a contact first" : "you are already READY";
            case AFTER_CALL_WORK -> "set yourself READY (done) or BREAK";
        };
    }
}
