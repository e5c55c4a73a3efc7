package hotline.app.seat;

import hotline.app.account.Account;
import hotline.app.account.AccountRepository;
import hotline.app.account.model.Role;
import hotline.app.roster.BackupSeatPlan;
import hotline.app.roster.RosterService;
import hotline.app.seat.model.BackupSeating;
import hotline.app.seat.model.SeatState;
import hotline.app.site.SiteStateService;
import hotline.app.site.model.SiteRole;
import hotline.app.site.model.SiteState;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seat switch after a promotion: the agents logged in at that moment (their presence rows, replicated from
 * the old active site) are mapped to this site's backup seats by {@link BackupSeating}, ordered by today's
 * backup-seat plan ({@link RosterService#backupSeatPlan}).
 * <ol>
 *   <li>Refuse unless this site is the unfenced ACTIVE site at exactly the requested epoch.</li>
 *   <li>Take the site's seat-switch lock; if this epoch was switched already, return that switch unchanged.</li>
 *   <li>Otherwise read the plan and who is logged in, map them, store the mapping under the epoch.</li>
 * </ol>
 * Invariant: one mapping per epoch, whoever asks and how often (the failover controller's call and the
 * promotion event both ask). Seat states are left alone: an agent READY or BUSY at the old site stays so.
 */
@Service
public class SeatSwitchService {

    private static final Logger log = LoggerFactory.getLogger(SeatSwitchService.class);

    private final SeatSwitchRepository switches;
    private final SeatRepository presence;
    private final AccountRepository accounts;
    private final RosterService roster;
    private final SiteStateService site;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Timer duration;
    private final AtomicLong lastSeated = new AtomicLong();
    private final AtomicLong lastWithoutSeat = new AtomicLong();

    SeatSwitchService(SeatSwitchRepository switches, SeatRepository presence, AccountRepository accounts,
                      RosterService roster, SiteStateService site, TransactionTemplate transactions, Clock clock,
                      MeterRegistry meters) {
        this.switches = switches;
        this.presence = presence;
        this.accounts = accounts;
        this.roster = roster;
        this.site = site;
        this.transactions = transactions;
        this.clock = clock;
        this.duration = Timer.builder("hotline.seat.switch").description("how long mapping the logged-in agents to "
                + "the seats of a newly active site took, store included").register(meters);
        Gauge.builder("hotline.seat.switch.agents", lastSeated, AtomicLong::get).tag("outcome", "seated")
                .description("agents seated by this site's last seat switch").register(meters);
        Gauge.builder("hotline.seat.switch.agents", lastWithoutSeat, AtomicLong::get).tag("outcome", "without_seat")
                .description("logged-in agents left without a seat by this site's last seat switch").register(meters);
    }

    private record Outcome(SeatSwitchRepository.Stored stored, boolean mappedNow) {
    }

    /** Switches seats for {@code epoch}, or returns the switch already made for it. */
    public SeatSwitch switchSeats(long epoch) {
        requireActiveAt(epoch);
        long started = System.nanoTime();
        Outcome outcome = transactions.execute(status -> {
            switches.lock();
            return switches.find(epoch).map(done -> new Outcome(done, false))
                    .orElseGet(() -> new Outcome(map(epoch, started), true));
        });
        SeatSwitchRepository.Stored s = outcome.stored();
        if (outcome.mappedNow()) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            duration.record(took);
            lastSeated.set(s.seating().seats().size());
            lastWithoutSeat.set(s.seating().withoutSeat().size());
            log.atInfo().addKeyValue("epoch", epoch).addKeyValue("seated", s.seating().seats().size())
                    .addKeyValue("withoutSeat", s.seating().withoutSeat().size())
                    .addKeyValue("capacity", s.seating().capacity()).addKeyValue("planSource", s.planSource())
                    .addKeyValue("durationMs", took.toMillis())
                    .log("seats switched to site {} at epoch {}: {} seated, {} without a seat, {} seats, {} plan of {}, {} ms",
                            s.site(), epoch, s.seating().seats().size(), s.seating().withoutSeat().size(),
                            s.seating().capacity(), s.planSource(), s.planDay(), took.toMillis());
        } else {
            log.info("seats were switched for epoch {} already (at {}): returning that switch", epoch, s.switchedAt());
        }
        return view(s);
    }

    /**
     * Keeps this epoch's switch true while people come and go at the active site, in the logout's or login's
     * transaction (the contact queue offers contacts only to people with a seat):
     * <ul>
     *   <li>a seated person logs out: the seat goes to the first person, in switch order, still logged in and without
     *       a seat; the one who left is without a seat if they log in again;</li>
     *   <li>someone logs in: they take the lowest free seat if one is left, else they wait without a seat (someone who
     *       logged in after the switch joins it last in line).</li>
     * </ul>
     */
    @EventListener
    void seatChanged(SeatStateChanged e) {
        boolean logout = e.to() == SeatState.OFFLINE;
        boolean login = e.from() == SeatState.OFFLINE && e.to().loggedIn();
        SiteState s = site.current();
        if (!(logout || login) || !s.writable()) {
            return;  // a standby's switch rows are replicated from the active site, never changed here
        }
        switches.lock();
        if (!switches.exists(s.epoch())) {
            return;  // no switch at this epoch: this site was not promoted, everybody works as logged in
        }
        if (logout) {
            switches.releaseSeat(s.epoch(), e.username()).ifPresent(seat -> {
                boolean passedOn = switches.giveSeatToNextInLine(s.epoch(), seat).isPresent();
                log.atInfo().addKeyValue("epoch", s.epoch()).addKeyValue("seat", seat).addKeyValue("passedOn", passedOn)
                        .log("seat {} of epoch {} freed by a logout: {}", seat, s.epoch(),
                                passedOn ? "taken by the next person waiting" : "nobody is waiting for one");
            });
            return;
        }
        Optional<Optional<Integer>> place = switches.placeOf(s.epoch(), e.username());
        if (place.isPresent() && place.get().isPresent()) {
            return;  // still seated
        }
        Optional<Integer> free = switches.lowestFreeSeat(s.epoch());
        if (place.isEmpty()) {
            switches.join(s.epoch(), e.username(), free.orElse(null));
        } else {
            free.ifPresent(seat -> switches.seat(s.epoch(), e.username(), seat));
        }
        log.atInfo().addKeyValue("epoch", s.epoch()).addKeyValue("seat", free.orElse(null))
                .log("a login at epoch {}: {}", s.epoch(),
                        free.map(seat -> "took seat " + seat).orElse("without a seat, every seat is taken"));
    }

    /** The switch of the highest epoch this site knows (made here, or replicated from the other site). */
    public Optional<SeatSwitch> latest() {
        return switches.latest().map(this::view);
    }

    private SeatSwitchRepository.Stored map(long epoch, long started) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);  // as stored, so a repeated call answers alike
        LocalDate day = roster.today();
        BackupSeatPlan plan = roster.backupSeatPlan(day);
        Map<String, Account> staff = staff();
        List<BackupSeating.Candidate> loggedIn = presence.findAll().stream()
                .filter(p -> p.state().loggedIn() && staff.containsKey(p.username()))
                .map(p -> staff.get(p.username()))
                .map(a -> new BackupSeating.Candidate(a.username(), a.role() == Role.LEAD, a.rosterPriority()))
                .toList();
        BackupSeating seating = BackupSeating.assign(plan.seats(),
                plan.assignments().stream().map(BackupSeatPlan.Seat::username).toList(), loggedIn);
        SeatSwitchRepository.Stored stored = new SeatSwitchRepository.Stored(epoch, site.siteId(), at,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), day, plan.source(), seating);
        switches.insert(stored);
        return stored;
    }

    private void requireActiveAt(long epoch) {
        SiteState s = site.readThrough();  // the promotion may have gone through another replica a moment ago
        if (s.fenced()) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.SITE_FENCED, "site " + s.siteId() + " is fenced at epoch "
                    + s.epoch() + ": seats are switched at the active site once it is unfenced");
        }
        if (s.role() != SiteRole.ACTIVE) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.SITE_NOT_ACTIVE, "site " + s.siteId() + " is the "
                    + s.role() + " site at epoch " + s.epoch() + ": seats are switched at the site just promoted, "
                    + "after POST /api/ops/site/promote");
        }
        if (epoch != s.epoch()) {
            throw new ApiException(HttpStatus.CONFLICT, ProblemType.STALE_EPOCH, "seats were asked to switch for epoch "
                    + epoch + " but site " + s.siteId() + " is at epoch " + s.epoch()
                    + "; ask for the site's epoch (GET /api/ops/site)");
        }
    }

    private SeatSwitch view(SeatSwitchRepository.Stored s) {
        Map<String, Account> staff = staff();
        List<SeatSwitch.Seat> seats = s.seating().seats().stream().map(seat -> new SeatSwitch.Seat(seat.seat(),
                seat.username(), Optional.ofNullable(staff.get(seat.username())).map(Account::displayName)
                .orElse(seat.username()))).toList();
        return new SeatSwitch(s.epoch(), s.site(), s.switchedAt(), s.planDay(), s.planSource(), s.seating().capacity(),
                seats, s.seating().withoutSeat(), s.durationMillis());
    }

    private Map<String, Account> staff() {
        Map<String, Account> staff = new HashMap<>();
        for (Role role : List.of(Role.LEAD, Role.AGENT)) {
            accounts.findByRole(role).forEach(a -> staff.put(a.username(), a));
        }
        return staff;
    }
}
