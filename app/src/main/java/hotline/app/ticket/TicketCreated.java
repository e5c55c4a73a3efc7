package hotline.app.ticket;

import hotline.app.ticket.model.Ticket;

/** Published inside the transaction that created a ticket (accepted by an agent or dispatched by 12345). */
public record TicketCreated(Ticket ticket) {
}
