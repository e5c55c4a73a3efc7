package hotline.app.ticket.sla;

import hotline.app.ticket.model.Ticket;

import java.time.Instant;
import java.util.List;

/** What the SLA watch needs to read; implemented by the ticket feature's repository adapter. */
public interface SlaTicketQueries {

    List<Ticket> dueForAttention(Instant now, int limit);

    long countOverdue(Instant now);
}
