package hotline.app.seat.model;

/** A seat state change that is not possible from the agent's current state. The message says what to do. */
public final class IllegalSeatTransitionException extends RuntimeException {

    private final SeatState from;
    private final SeatState to;

    public IllegalSeatTransitionException(SeatState from, SeatState to, String advice) {
        super("cannot go from " + from + " to " + to + ": " + advice);
        this.from = from;
        this.to = to;
    }

    public SeatState from() {
        return from;
    }

    public SeatState to() {
        return to;
    }
}
