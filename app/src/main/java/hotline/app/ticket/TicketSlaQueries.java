package hotline.app.ticket;

import hotline.app.ticket.sla.SlaTicketQueries;
import hotline.app.ticket.model.Ticket;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

@Component
class TicketSlaQueries implements SlaTicketQueries {

    private final TicketRepository tickets;

    TicketSlaQueries(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public List<Ticket> dueForAttention(Instant now, int limit) {
        return tickets.dueForSlaAttention(now, limit);
    }

    @Override
    public long countOverdue(Instant now) {
        return tickets.countOverdue(now);
    }
}
