package hotline.app.ticket.model;

/** The action is not possible from the ticket's current state. */
public final class IllegalTransitionException extends TicketRuleViolation {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
