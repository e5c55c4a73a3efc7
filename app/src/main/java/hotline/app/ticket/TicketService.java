package hotline.app.ticket;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.site.SiteProperties;
import hotline.app.ticket.sla.model.SlaPolicy;
import hotline.app.ticket.model.NewTicket;
import hotline.app.ticket.model.RepeatComplaintRule;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketAction;
import hotline.app.ticket.model.TicketCommand;
import hotline.app.ticket.model.TicketEvent;
import hotline.app.ticket.model.TicketState;
import hotline.app.ticket.model.TransitionTable;
import hotline.app.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The ticket use cases. Each public method is one transaction: the ticket row, its history entry and
 * whatever listeners of {@link TicketChanged} write (the 12345 outbox) commit together or not at all.
 */
@Service
public class TicketService {

    private static final Logger log = LoggerFactory.getLogger(TicketService.class);
    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(8));

    private final TicketRepository tickets;
    private final DepartmentDirectory departments;
    private final SlaPolicy sla;
    private final RepeatProperties repeat;
    private final SiteProperties site;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    TicketService(TicketRepository tickets, DepartmentDirectory departments, SlaPolicy sla, RepeatProperties repeat,
                  SiteProperties site, Clock clock, ApplicationEventPublisher events, MeterRegistry meters) {
        this.tickets = tickets;
        this.departments = departments;
        this.sla = sla;
        this.repeat = repeat;
        this.site = site;
        this.clock = clock;
        this.events = events;
        this.meters = meters;
    }

    /** An agent accepts (受理) a request from a call, a message or a walk-in. */
    @Transactional
    public TicketView accept(NewTicket request, Actor actor) {
        Instant now = clock.instant();
        Ticket ticket = Ticket.accept(UUID.randomUUID(), nextNumber(now), request, actor, now, site.id(), sla);
        return create(ticket, actor, now, "accepted via " + request.channel());
    }

    /**
     * A work order dispatched by the 12345 platform. Idempotent by order id: a re-delivered order returns
     * the ticket created the first time, with {@code created=false}.
     */
    @Transactional
    public Created receiveDispatched(NewTicket request, String orderId, Instant platformDueAt) {
        Optional<Ticket> existing = tickets.findByPlatformOrderId(orderId);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        Instant now = clock.instant();
        Ticket ticket = Ticket.dispatched(UUID.randomUUID(), nextNumber(now), request, orderId, platformDueAt, now,
                site.id(), sla);
        Actor platform = Actor.of("platform12345", Role.INTEGRATION);
        create(ticket, platform, now, "dispatched by the 12345 platform, order " + orderId);
        return new Created(ticket, true);
    }

    public record Created(Ticket ticket, boolean created) {
    }

    private TicketView create(Ticket ticket, Actor actor, Instant now, String detail) {
        List<Link> repeats = findRepeats(ticket, now);
        if (!repeats.isEmpty()) {
            ticket.flagSupervised();
            meters.counter("hotline.tickets.repeat.flagged").increment();
        }
        tickets.insert(ticket);
        repeats.forEach(link -> tickets.insertLink(ticket.id(), link.earlier(), link.reason().name(), now));
        tickets.insertEvent(new TicketEvent(ticket.id(), null, null, ticket.state(), actor.username(), actor.role(),
                now, null, repeats.isEmpty() ? detail : detail + "; repeat complaint, flagged for supervision"),
                site.id());
        events.publishEvent(new TicketCreated(ticket));
        meters.counter("hotline.tickets.created", "channel", ticket.channel().name()).increment();
        withTicketContext(ticket, () -> log.info("ticket {} created: channel={} category={} caller={}",
                ticket.number(), ticket.channel(), ticket.category(), ticket.citizen().maskedPhone()));
        return TicketView.of(ticket, now, TransitionTable.actionsFor(ticket.state(), actor.role()), List.of(), List.of());
    }

    private record Link(UUID earlier, RepeatComplaintRule.Reason reason) {
    }

    private List<Link> findRepeats(Ticket ticket, Instant now) {
        return tickets.repeatCandidates(ticket, now.minus(repeat.window())).stream()
                .flatMap(earlier -> RepeatComplaintRule.match(ticket.citizen(), ticket.category(), earlier.phone(),
                        earlier.locationKey(), earlier.category()).map(r -> new Link(earlier.id(), r)).stream())
                .toList();
    }

    /**
     * Applies one action to a ticket the caller has seen at {@code expectedVersion}. Refused actions and
     * stale versions change nothing.
     */
    @Transactional
    public TicketView act(UUID id, long expectedVersion, TicketCommand command, Actor actor) {
        Ticket ticket = load(id, actor);
        if (ticket.version() != expectedVersion) {
            throw ApiException.staleVersion("ticket " + ticket.number(), expectedVersion, ticket.version());
        }
        requireKnownDepartment(command);
        TicketChanged.ReviewedRequest reviewed = ticket.pendingRequest() == null ? null
                : new TicketChanged.ReviewedRequest(ticket.pendingRequest(), ticket.pendingRequestReason(),
                ticket.pendingExtensionDays());
        Instant now = clock.instant();
        TicketEvent event;
        try {
            event = ticket.apply(command, actor, now, sla);
        } catch (RuntimeException refused) {
            meters.counter("hotline.ticket.actions", "action", command.action().name(), "outcome", "refused").increment();
            throw refused;
        }
        if (!tickets.update(ticket, expectedVersion)) {
            throw ApiException.staleVersion("ticket " + ticket.number(), expectedVersion, expectedVersion + 1);
        }
        tickets.insertEvent(event, site.id());
        boolean decidesRequest = command.action() == TicketAction.APPROVE_REQUEST
                || command.action() == TicketAction.REJECT_REQUEST;
        events.publishEvent(new TicketChanged(ticket, event, decidesRequest ? reviewed : null));
        meters.counter("hotline.ticket.actions", "action", command.action().name(), "outcome", "applied").increment();
        withTicketContext(ticket, () -> log.info("ticket {}: {} by {} ({}) {} -> {}", ticket.number(),
                command.action(), actor.username(), actor.role(), event.fromState(), event.toState()));
        return detail(reloaded(ticket.id()), actor, now);
    }

    public TicketView get(UUID id, Actor actor) {
        return detail(load(id, actor), actor, clock.instant());
    }

    public TicketView getByNumber(String number, Actor actor) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> ApiException.notFound("ticket " + number));
        requireVisible(ticket, actor);
        return detail(ticket, actor, clock.instant());
    }

    List<TicketView> search(TicketQuery query, Actor actor) {
        Instant now = clock.instant();
        TicketQuery scoped = actor.role() == Role.DEPARTMENT
                ? new TicketQuery(query.states(), query.includeClosed(), query.owner(), actor.departmentId(),
                query.channel(), query.overdueOnly(), query.supervisedOnly(), query.text(), query.limit())
                : query;
        return tickets.search(scoped, now).stream()
                .map(t -> TicketView.of(t, now, TransitionTable.actionsFor(t.state(), actor.role()), null, null))
                .toList();
    }

    public Optional<Ticket> findById(UUID id) {
        return tickets.findById(id);
    }

    private TicketView detail(Ticket t, Actor actor, Instant now) {
        return TicketView.of(t, now, TransitionTable.actionsFor(t.state(), actor.role()), tickets.history(t.id()),
                tickets.links(t.id()));
    }

    private Ticket load(UUID id, Actor actor) {
        Ticket ticket = tickets.findById(id).orElseThrow(() -> ApiException.notFound("ticket " + id));
        requireVisible(ticket, actor);
        return ticket;
    }

    private Ticket reloaded(UUID id) {
        return tickets.findById(id).orElseThrow(() -> ApiException.notFound("ticket " + id));
    }

    /** A department liaison sees only the tickets currently assigned to their department. */
    private static void requireVisible(Ticket ticket, Actor actor) {
        if (actor.role() == Role.DEPARTMENT && !actor.departmentId().equals(ticket.departmentId())) {
            throw ApiException.notFound("ticket " + ticket.number());
        }
    }

    private void requireKnownDepartment(TicketCommand command) {
        String departmentId = command instanceof TicketCommand.Assign a ? a.departmentId()
                : command instanceof TicketCommand.Transfer t ? t.departmentId() : null;
        if (departmentId != null && !departments.isActive(departmentId.strip())) {
            throw ApiException.invalid("departmentId: no active department '" + departmentId + "'");
        }
    }

    private String nextNumber(Instant now) {
        return site.id().toUpperCase(Locale.ROOT) + NUMBER_DATE.format(now) + "-" + String.format("%06d", tickets.nextNumber());
    }

    private static void withTicketContext(Ticket ticket, Runnable logStatement) {
        try (var ignored = MDC.putCloseable("ticket", ticket.number())) {
            logStatement.run();
        }
    }

    /** States the desk lists for each view; kept here so list and count agree. */
    static final java.util.Map<String, java.util.Set<TicketState>> VIEW_STATES = java.util.Map.of(
            "to-sign", java.util.EnumSet.of(TicketState.PENDING_SIGN),
            "review", java.util.EnumSet.of(TicketState.AWAITING_REVIEW, TicketState.RETURN_REQUESTED,
                    TicketState.EXTENSION_REQUESTED, TicketState.SECOND_HANDLING_REQUESTED,
                    TicketState.EVALUATION_REQUESTED));
}
