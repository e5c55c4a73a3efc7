package hotline.app.seat;

import hotline.app.account.Account;
import hotline.app.account.AccountRepository;
import hotline.app.account.model.Role;
import hotline.app.seat.model.IllegalSeatTransitionException;
import hotline.app.seat.model.SeatState;
import hotline.app.site.SiteProperties;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Agents' seat states. Each public method is one transaction that locks the agent's presence row and
 * publishes {@link SeatStateChanged} when the state moved; the contact queue listens (a withdrawn offer
 * goes back to the queue, READY triggers dispatch, leaving after-call work completes the wrap-up).
 */
@Service
public class SeatService {

    private static final Logger log = LoggerFactory.getLogger(SeatService.class);

    private final SeatRepository seats;
    private final AccountRepository accounts;
    private final SiteProperties site;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<SeatState, AtomicLong> gauges = new EnumMap<>(SeatState.class);

    SeatService(SeatRepository seats, AccountRepository accounts, SiteProperties site, Clock clock,
                ApplicationEventPublisher events, MeterRegistry meters) {
        this.seats = seats;
        this.accounts = accounts;
        this.site = site;
        this.clock = clock;
        this.events = events;
        for (SeatState state : SeatState.values()) {
            AtomicLong value = new AtomicLong();
            gauges.put(state, value);
            Gauge.builder("hotline.seats", value, AtomicLong::get).tag("state", state.name())
                    .description("agents by seat state").register(meters);
        }
    }

    /** Login (form login event or the desk's explicit call): an OFFLINE agent goes on BREAK, others stay. */
    @Transactional
    public SeatView login(String username) {
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        return view(move(p, p.state().afterLogin()));
    }

    @Transactional
    public SeatView logout(String username) {
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        return view(p.state() == SeatState.OFFLINE ? p : move(p, SeatState.OFFLINE));
    }

    /** The agent asks for READY or BREAK (from after-call work, READY means "done"). */
    @Transactional
    public SeatView request(String username, SeatState target) {
        if (!SeatState.requestable(target)) {
            throw ApiException.invalid("state: agents set READY or BREAK; BUSY follows accepting an offer "
                    + "(POST /api/contacts/{id}/accept), after-call work follows completing a contact, OFFLINE follows logout");
        }
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        if (p.state() == target) {
            return view(p);
        }
        return view(move(p, target));
    }

    /** The agent accepted the contact on offer: READY → BUSY. Refused unless that contact is on offer to them. */
    @Transactional
    public void startContact(String username, UUID contactId) {
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        if (!contactId.equals(p.offeredContactId())) {
            throw ApiException.conflict("contact " + contactId + " is not on offer to you; poll GET /api/contacts/offer");
        }
        move(p, SeatState.BUSY);
    }

    /** The agent completed the contact: BUSY → AFTER_CALL_WORK. */
    @Transactional
    public void wrapUp(String username) {
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        move(p, SeatState.AFTER_CALL_WORK);
    }

    /** The agent let an offer time out: the offer is withdrawn and the agent put on BREAK. */
    @Transactional
    public void offerMissed(String username, UUID contactId) {
        SeatPresence p = seats.lock(username, clock.instant(), site.id());
        if (!contactId.equals(p.offeredContactId())) {
            return;
        }
        seats.update(new SeatPresence(p.username(), p.state(), p.since(), p.idleSince(), null, p.seatLabel(),
                p.version()), site.id());
        if (p.state() == SeatState.READY) {
            move(seats.lock(username, clock.instant(), site.id()), SeatState.BREAK);
            log.info("seat {}: offer not accepted in time, put on BREAK", username);
        }
    }

    /** For the dispatcher's transaction: READY agents without an offer, idle longest first, row-locked. */
    @Transactional
    public List<AvailableAgent> lockAvailable(int limit) {
        return seats.lockAvailable(limit);
    }

    /** For the dispatcher's transaction: the agent now holds this offer. */
    @Transactional
    public void offered(String username, UUID contactId) {
        seats.setOffer(username, contactId);
    }

    public SeatView get(String username) {
        SeatPresence p = seats.find(username).orElse(SeatPresence.offline(username, clock.instant()));
        return view(p);
    }

    /** The lead's team board: every agent and lead account with their state. */
    public List<SeatView> board() {
        Map<String, SeatPresence> presence = seats.findAll().stream()
                .collect(Collectors.toMap(SeatPresence::username, Function.identity()));
        List<Account> staff = new ArrayList<>(accounts.findByRole(Role.LEAD));
        staff.addAll(accounts.findByRole(Role.AGENT));
        Instant now = clock.instant();
        return staff.stream().map(a -> {
            SeatPresence p = presence.getOrDefault(a.username(), SeatPresence.offline(a.username(), now));
            return new SeatView(a.username(), a.displayName(), p.state(), presence.containsKey(a.username()) ? p.since() : null,
                    p.idleSince(), p.offeredContactId(), p.seatLabel());
        }).toList();
    }

    @Scheduled(fixedDelayString = "${hotline.seats.metrics-interval:PT5S}")
    void refreshGauges() {
        Map<SeatState, Long> counts = new EnumMap<>(SeatState.class);
        seats.countByState().forEach(c -> counts.put(c.state(), c.count()));
        gauges.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
    }

    private SeatPresence move(SeatPresence p, SeatState target) {
        if (p.state() == target) {
            return p;
        }
        SeatState to;
        try {
            to = p.state().moveTo(target);
        } catch (IllegalSeatTransitionException e) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.ILLEGAL_TRANSITION,
                    "seat of " + p.username() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        UUID withdrawn = p.state() == SeatState.READY && to != SeatState.BUSY ? p.offeredContactId() : null;
        SeatPresence next = new SeatPresence(p.username(), to, now, to == SeatState.READY ? now : null,
                to == SeatState.READY ? p.offeredContactId() : null, p.seatLabel(), p.version() + 1);
        seats.update(next, site.id());
        events.publishEvent(new SeatStateChanged(p.username(), p.state(), to, now, withdrawn));
        log.info("seat {}: {} -> {}", p.username(), p.state(), to);
        return next;
    }

    private SeatView view(SeatPresence p) {
        String displayName = accounts.findByUsername(p.username()).map(Account::displayName).orElse(p.username());
        return new SeatView(p.username(), displayName, p.state(), p.since(), p.idleSince(), p.offeredContactId(),
                p.seatLabel());
    }
}
