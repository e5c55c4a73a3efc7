package hotline.app.ticket.sla;

import hotline.app.site.SiteStateService;
import hotline.app.account.model.Actor;
import hotline.app.ticket.sla.model.SlaStatus;
import hotline.app.ticket.TicketService;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketCommand;
import hotline.app.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Watches the SLA clock of open tickets:
 * <ol>
 *   <li>a ticket first seen past its deadline is marked overdue (once; counted as a breach);</li>
 *   <li>a ticket near due or overdue that sits with a department is urged (催办) automatically,
 *       at most once per {@code hotline.sla.urge-interval}.</li>
 * </ol>
 * Every change goes through {@link TicketService#act}, so it is in the history and optimistic locking
 * keeps two app instances from urging the same ticket twice.
 */
@Component
class SlaWatch {

    private final SiteStateService site;

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);
    private static final int BATCH = 200;

    private final TicketService tickets;
    private final SlaTicketQueries queries;
    private final SlaProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    SlaWatch(SiteStateService site, TicketService tickets, SlaTicketQueries queries, SlaProperties properties, Clock clock, MeterRegistry meters) {
        this.site = site;
        this.tickets = tickets;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${hotline.sla.scan-interval:PT1M}", initialDelayString = "PT10S")
    void scan() {
        if (!site.takesWrites()) {
            return;  // only the active site marks and urges
        }
        scanOnce();
    }

    /** One pass over the tickets needing attention; returns how many changes were made. */
    int scanOnce() {
        Instant now = clock.instant();
        int changes = 0;
        for (Ticket ticket : queries.dueForAttention(now, BATCH)) {
            try {
                changes += attend(ticket, now);
            } catch (ApiException conflict) {
                // someone changed the ticket meanwhile; the next pass sees the new version
                log.debug("SLA watch skipped ticket {}: {}", ticket.number(), conflict.getMessage());
            }
        }
        return changes;
    }

    private int attend(Ticket ticket, Instant now) {
        int changes = 0;
        long version = ticket.version();
        if (ticket.slaStatusAt(now) == SlaStatus.OVERDUE && !ticket.slaBreached()) {
            version = tickets.act(ticket.id(), version, new TicketCommand.MarkOverdue(null), Actor.SYSTEM).version();
            meters.counter("hotline.sla.breaches", "priority", ticket.priority().name()).increment();
            changes++;
        }
        boolean urgeDue = ticket.lastUrgedAt() == null
                || ticket.lastUrgedAt().plus(properties.urgeInterval()).isBefore(now);
        if (ticket.state().isWithDepartment() && urgeDue) {
            tickets.act(ticket.id(), version, new TicketCommand.Urge("automatic urge: "
                    + (ticket.slaStatusAt(now) == SlaStatus.OVERDUE ? "overdue" : "near due")), Actor.SYSTEM);
            meters.counter("hotline.sla.urges", "trigger", "automatic").increment();
            changes++;
        }
        return changes;
    }
}
