package hotline.app.ticket.model;

/** The command lacks a field it needs or carries a value the rules refuse. */
public final class InvalidTicketCommandException extends TicketRuleViolation {

    private final String field;

    public InvalidTicketCommandException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
