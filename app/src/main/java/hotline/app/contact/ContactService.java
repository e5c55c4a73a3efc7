package hotline.app.contact;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.contact.model.ContactPriority;
import hotline.app.contact.model.ContactState;
import hotline.app.seat.SeatService;
import hotline.app.seat.SeatStateChanged;
import hotline.app.seat.model.SeatState;
import hotline.app.site.SiteProperties;
import hotline.app.ticket.TicketCreated;
import hotline.app.ticket.model.Citizen;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The contact use cases of the desk and the channels. Each public method is one transaction; the seat
 * state changes it causes ({@link SeatService}) commit with it. Dispatch (offering queued contacts to
 * agents) is {@link ContactDispatcher}'s job.
 */
@Service
public class ContactService {

    private static final Logger log = LoggerFactory.getLogger(ContactService.class);

    private final ContactRepository contacts;
    private final SeatService seats;
    private final SiteProperties site;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Timer queueWait;

    ContactService(ContactRepository contacts, SeatService seats, SiteProperties site, Clock clock,
                   ApplicationEventPublisher events, MeterRegistry meters) {
        this.contacts = contacts;
        this.seats = seats;
        this.site = site;
        this.clock = clock;
        this.events = events;
        this.meters = meters;
        this.queueWait = Timer.builder("hotline.queue.wait").description("time from queued to connected")
                .publishPercentileHistogram().register(meters);
    }

    public record Received(ContactView contact, boolean created) {
    }

    /** A call or message joins the queue. Idempotent by (channel, external id) when the external id is set. */
    @Transactional
    public Received enqueue(NewContact n) {
        if (n.externalId() != null) {
            Optional<Contact> existing = contacts.findByExternalId(n.channel(), n.externalId());
            if (existing.isPresent()) {
                return new Received(existing.get().view(), false);
            }
        }
        Instant now = clock.instant();
        Contact c = new Contact(UUID.randomUUID(), n.channel(), ContactState.QUEUED, ContactPriority.of(n.category()),
                n.category(), n.callerNumber(), n.senderName(), n.externalId(), n.subject(), n.body(), now, null, null,
                0, null, null, null, null, 0);
        if (!contacts.insert(c, site.id())) {
            // a concurrent delivery of the same message won the insert
            return new Received(contacts.findByExternalId(n.channel(), n.externalId()).orElseThrow().view(), false);
        }
        events.publishEvent(new ContactQueued(c.id(), c.channel()));
        meters.counter("hotline.contacts.received", "channel", c.channel().name()).increment();
        withContact(c.id(), () -> log.info("contact queued: channel={} priority={} category={} from={}", c.channel(),
                c.priority(), c.category(), Citizen.maskPhone(c.callerNumber())));
        return new Received(c.view(), true);
    }

    public Optional<ContactView> offerFor(String username) {
        return contacts.findOfferTo(username).map(Contact::view);
    }

    public Optional<ContactView> currentFor(String username) {
        return contacts.findCurrent(username).map(Contact::view);
    }

    public ContactView get(UUID id, Actor actor) {
        return visible(contacts.find(id), id, actor).view();
    }

    /** The agent accepts the contact on offer to them: CONNECTED, agent BUSY. */
    @Transactional
    public ContactView accept(UUID id, Actor actor) {
        Contact c = visible(contacts.lock(id), id, actor);
        if (c.state() != ContactState.OFFERED || !actor.username().equals(c.offeredTo())) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.ILLEGAL_TRANSITION, "contact " + id + " is "
                    + c.state() + "; only an offer made to you can be accepted (poll GET /api/contacts/offer)");
        }
        Instant now = clock.instant();
        seats.startContact(actor.username(), id);
        contacts.connect(id, actor.username(), now);
        queueWait.record(Duration.between(c.queuedAt(), now));
        events.publishEvent(new ContactConnected(id, c.channel(), actor.username(), now));
        withContact(id, () -> log.info("contact accepted by {} after {} s in the queue", actor.username(),
                Duration.between(c.queuedAt(), now).toSeconds()));
        return contacts.find(id).orElseThrow().view();
    }

    /** The agent ends the contact: WRAP_UP, agent in AFTER_CALL_WORK; a call is hung up and its recording kept. */
    @Transactional
    public ContactView complete(UUID id, Actor actor) {
        Contact c = visible(contacts.lock(id), id, actor);
        if (c.state() != ContactState.CONNECTED || !actor.username().equals(c.agentUsername())) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.ILLEGAL_TRANSITION, "contact " + id + " is "
                    + c.state() + "; only a contact you accepted and that is CONNECTED can be completed");
        }
        Instant now = clock.instant();
        contacts.end(id, ContactState.WRAP_UP, now);
        seats.wrapUp(actor.username());
        events.publishEvent(new ContactEnded(id, c.channel(), ContactState.WRAP_UP, actor.username(), now));
        withContact(id, () -> log.info("contact completed by {}, wrap-up", actor.username()));
        return contacts.find(id).orElseThrow().view();
    }

    /** The caller hung up before an agent answered. */
    @Transactional
    public void abandon(UUID id) {
        Contact c = contacts.lock(id).orElseThrow(() -> ApiException.notFound("contact " + id));
        if (!c.state().canMoveTo(ContactState.ABANDONED)) {
            return;
        }
        contacts.end(id, ContactState.ABANDONED, clock.instant());
        if (c.state() == ContactState.OFFERED) {
            seats.offerMissed(c.offeredTo(), id);
        }
        meters.counter("hotline.contacts", "channel", c.channel().name(), "outcome", "abandoned").increment();
        events.publishEvent(new ContactEnded(id, c.channel(), ContactState.ABANDONED, null, clock.instant()));
        withContact(id, () -> log.info("contact abandoned while {}", c.state()));
    }

    /**
     * Seat changes: an offer withdrawn from an agent who left READY goes back to its place in the queue; an
     * agent leaving after-call work has finished wrapping up their contacts.
     */
    @EventListener
    void seatChanged(SeatStateChanged e) {
        if (e.withdrawnOffer() != null && contacts.requeue(e.withdrawnOffer())) {
            withContact(e.withdrawnOffer(), () -> log.info("offer to {} withdrawn ({}), contact back in the queue",
                    e.username(), e.to()));
        }
        if (e.from() == SeatState.AFTER_CALL_WORK) {
            for (Contact c : contacts.lockInWrapUp(e.username())) {
                contacts.setState(c.id(), ContactState.COMPLETED);
                meters.counter("hotline.contacts", "channel", c.channel().name(), "outcome", "completed").increment();
            }
        }
    }

    /** A ticket created for a contact ({@code POST /api/tickets} with {@code contactId}) is linked to it. */
    @EventListener
    void ticketCreated(TicketCreated e) {
        UUID contactId = e.ticket().contactId();
        if (contactId != null && contacts.linkTicket(contactId, e.ticket().id())) {
            withContact(contactId, () -> log.info("contact linked to ticket {}", e.ticket().number()));
        }
    }

    public QueueView queue() {
        Instant now = clock.instant();
        Map<ContactPriority, Long> byPriority = new EnumMap<>(ContactPriority.class);
        for (ContactPriority p : ContactPriority.values()) {
            byPriority.put(p, 0L);
        }
        Instant oldest = null;
        long length = 0;
        for (ContactRepository.PriorityCount pc : contacts.queueByPriority()) {
            byPriority.put(pc.priority(), pc.count());
            length += pc.count();
            oldest = oldest == null || pc.oldest().isBefore(oldest) ? pc.oldest() : oldest;
        }
        Long oldestWait = oldest == null ? null : Duration.between(oldest, now).toSeconds();
        return new QueueView(length, byPriority, contacts.countOffered(), oldest, oldestWait);
    }

    /** The queue for the lead's wallboard. */
    public record QueueView(long length, Map<ContactPriority, Long> byPriority, long offered, Instant oldestQueuedAt,
                            Long oldestWaitSeconds) {
    }

    /** A lead sees every contact; an agent the ones offered to or handled by them. */
    private static Contact visible(Optional<Contact> found, UUID id, Actor actor) {
        Contact c = found.orElseThrow(() -> ApiException.notFound("contact " + id));
        if (actor.role() != Role.LEAD && !actor.username().equals(c.offeredTo())
                && !actor.username().equals(c.agentUsername())) {
            throw ApiException.notFound("contact " + id);
        }
        return c;
    }

    static void withContact(UUID id, Runnable logStatement) {
        try (var ignored = MDC.putCloseable("contact", id.toString())) {
            logStatement.run();
        }
    }
}
