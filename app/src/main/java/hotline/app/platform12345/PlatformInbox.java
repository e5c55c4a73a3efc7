package hotline.app.platform12345;

import hotline.app.ticket.TicketService;
import hotline.app.ticket.model.Channel;
import hotline.app.ticket.model.Citizen;
import hotline.app.ticket.model.NewTicket;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.ts;

/** Receives dispatched orders: the ticket (待签收) and the order record are written in one transaction. */
@Service
class PlatformInbox {

    private final TicketService tickets;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    PlatformInbox(TicketService tickets, JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    record Received(UUID ticketId, String ticketNumber, boolean created) {
    }

    @Transactional
    Received receive(DispatchedOrder order) {
        NewTicket request = new NewTicket(Channel.PLATFORM_12345, order.category(), null, order.title(), order.content(),
                new Citizen(order.citizenName(), order.citizenPhone(), order.address(), order.district(), order.street()),
                null);
        TicketService.Created result = tickets.receiveDispatched(request, order.orderId(), order.dueAt());
        if (result.created()) {
            jdbc.sql("""
                            insert into platform_order (order_id, ticket_id, dispatched_at, platform_due_at, received_at, payload)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(order.orderId(), result.ticket().id(), ts(order.dispatchedAt()), ts(order.dueAt()),
                            Timestamp.from(clock.instant()), json.writeValueAsString(order))
                    .update();
        }
        meters.counter("hotline.platform12345.orders", "outcome", result.created() ? "created" : "duplicate").increment();
        return new Received(result.ticket().id(), result.ticket().number(), result.created());
    }
}
