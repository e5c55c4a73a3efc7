package hotline.app.ticket;

import hotline.app.ticket.model.DepartmentRequest;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketEvent;

/**
 * Published inside the transaction that changed a ticket, so a listener's writes (e.g. the 12345 outbox)
 * commit or roll back with it. {@code reviewedRequest} is the department request an APPROVE/REJECT decided.
 */
public record TicketChanged(Ticket ticket, TicketEvent event, ReviewedRequest reviewedRequest) {

    public record ReviewedRequest(DepartmentRequest kind, String reason, Integer extensionWorkingDays) {
    }
}
