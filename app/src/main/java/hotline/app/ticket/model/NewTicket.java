package hotline.app.ticket.model;

import java.util.UUID;

/** What is known when a ticket is created. {@code priority} may be null: it follows from the category. */
public record NewTicket(Channel channel, Category category, Priority priority, String title, String description,
                       Citizen citizen, UUID contactId) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 4000;

    public NewTicket {
        citizen = citizen == null ? Citizen.ANONYMOUS : citizen;
    }

    void validate() {
        if (channel == null) {
            throw new InvalidTicketCommandException("channel", "is required");
        }
        TicketText.require("title", title, MAX_TITLE);
        TicketText.require("description", description, MAX_TEXT);
    }
}
