package hotline.app.ticket.model;

/** A command that the ticket's rules refuse. Nothing has changed when one is thrown. */
public abstract sealed class TicketRuleViolation extends RuntimeException
        permits IllegalTransitionException, ActionNotPermittedException, InvalidTicketCommandException {

    protected TicketRuleViolation(String message) {
        super(message);
    }
}
