package hotline.app.ticket.model;

/** The action exists from this state, but not for this actor (wrong role, or another department's ticket). */
public final class ActionNotPermittedException extends TicketRuleViolation {
    public ActionNotPermittedException(String message) {
        super(message);
    }
}
