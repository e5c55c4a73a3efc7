package hotline.app.ticket.model;

/** Checks on free text that every command shares. */
final class TicketText {

    private TicketText() {
    }

    static String require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidTicketCommandException(field, "is required");
        }
        return optional(field, value, max);
    }

    static String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidTicketCommandException(field, "is longer than " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
