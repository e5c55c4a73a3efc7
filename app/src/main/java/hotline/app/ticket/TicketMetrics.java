package hotline.app.ticket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of the ticket book, refreshed from the database on a schedule (a scrape never runs a query):
 * {@code hotline_tickets_open{state,channel}} and {@code hotline_sla_overdue_tickets}.
 */
@Component
class TicketMetrics {

    private final TicketRepository tickets;
    private final Clock clock;
    private final MultiGauge open;
    private final AtomicLong overdue = new AtomicLong();

    TicketMetrics(TicketRepository tickets, Clock clock, MeterRegistry meters) {
        this.tickets = tickets;
        this.clock = clock;
        this.open = MultiGauge.builder("hotline.tickets.open")
                .description("open tickets by state and channel").register(meters);
        meters.gauge("hotline.sla.overdue.tickets", overdue);
    }

    @Scheduled(fixedDelayString = "${hotline.metrics.refresh-interval:PT15S}", initialDelayString = "PT2S")
    void refresh() {
        open.register(tickets.countOpenByStateAndChannel().stream()
                .map(c -> MultiGauge.Row.of(Tags.of("state", c.state(), "channel", c.channel()), c.count()))
                .toList(), true);
        overdue.set(tickets.countOverdue(clock.instant()));
    }
}
