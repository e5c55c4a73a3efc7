package hotline.app.site;

import hotline.app.site.model.SiteRole;
import hotline.app.site.model.SiteState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This site's role, epoch and fence: the durable row in the site's own database and a cached copy that
 * the web layer checks on every write. The database row is the authority (its trigger refuses writes on
 * its own); the cache is refreshed twice a second so that a change made by another instance of the site
 * or directly in the database is seen quickly.
 */
@Service
public class SiteStateService {

    private static final Logger log = LoggerFactory.getLogger(SiteStateService.class);

    private final SiteStateRepository repository;
    private final SiteProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<PromotionPreparation> preparations;
    private final ObjectProvider<LeadReplica> leadReplica;
    private volatile SiteState current;

    SiteStateService(SiteStateRepository repository, SiteProperties properties, TransactionTemplate transactions,
                     ApplicationEventPublisher events, Clock clock, MeterRegistry registry,
                     ObjectProvider<PromotionPreparation> preparations, ObjectProvider<LeadReplica> leadReplica) {
        this.repository = repository;
        this.leadReplica = leadReplica;
        this.preparations = preparations;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        Gauge.builder("hotline.site.role", this, s -> s.current().role() == SiteRole.ACTIVE ? 1 : 0)
                .description("1 when this site is ACTIVE, 0 when STANDBY").register(registry);
        Gauge.builder("hotline.site.epoch", this, s -> s.current().epoch())
                .description("the epoch this site is at").register(registry);
        Gauge.builder("hotline.site.fenced", this, s -> s.current().fenced() ? 1 : 0)
                .description("1 when this site is fenced (refuses writes whatever its role)").register(registry);
    }

    @PostConstruct
    void initialise() {
        SiteState seed = SiteState.initial(properties.id(), properties.initialRole(), properties.initialEpoch(),
                properties.initialActiveSite(), clock.instant());
        boolean seeded = repository.insertIfAbsent(seed);
        if (seeded) {
            log.info("site {} initialised as {} at epoch {} (from configuration)", seed.siteId(), seed.role(), seed.epoch());
        }
        SiteState stored = repository.find().orElseThrow();
        if (!stored.siteId().equals(properties.id())) {
            throw new IllegalStateException("this database belongs to site " + stored.siteId() + " but hotline.site.id is "
                    + properties.id() + ": refusing to start against another site's database");
        }
        current = stored;
        if (!seeded && properties.fenceOnRestart() && stored.role() == SiteRole.ACTIVE && !stored.fenced()
                && leadReplica.getObject().isLead()) {
            // the whole site was down (this is its first replica back): the other site may have taken over meanwhile.
            // No write, no scheduled writer, until the controller has seen the lease (it then unfences or demotes).
            // one plain statement: this runs before the (journaling) transaction manager can be used
            stored = stored.fence(clock.instant(), "restarted as the ACTIVE site at epoch " + stored.epoch()
                    + ": writes wait until its failover controller confirms the lease");
            repository.update(stored);
            current = stored;
            log.warn("site {} restarted as ACTIVE at epoch {}: fenced until its failover controller confirms the lease "
                    + "(hotline.site.fence-on-restart)", stored.siteId(), stored.epoch());
        }
        log.info("site {} starts as {} at epoch {}{} (active site: {})", stored.siteId(), stored.role(), stored.epoch(),
                stored.fenced() ? ", FENCED" : "", stored.activeSite());
    }

    public SiteState current() {
        return current;
    }

    /**
     * The site's state as its database has it now, this replica's cache updated on the way. For answers that follow a
     * change another replica of the site may have made a moment ago (the controller fences through one replica and
     * reads the fence back through another): the cache alone sees it only at the next refresh. When the database does
     * not answer, the cached state, as before.
     */
    public SiteState readThrough() {
        try {
            repository.find().ifPresent(this::observe);
        } catch (org.springframework.dao.DataAccessException e) {
            log.debug("site state not re-read (the cached one is answered): {}", e.toString());
        }
        return current;
    }

    public String siteId() {
        return properties.id();
    }

    public boolean isActive() {
        return current.role() == SiteRole.ACTIVE;
    }

    /**
     * ACTIVE and not fenced: this site takes writes now. Scheduled writers (SLA watch, 12345 delivery, queue sweep, …)
     * run only then; a fenced active (a switchover in progress, an operator fence) would only fail every cycle.
     */
    public boolean takesWrites() {
        SiteState now = current;
        return now.role() == SiteRole.ACTIVE && !now.fenced();
    }

    /**
     * Refuses a write unless this site is an unfenced ACTIVE site and, when the client says which epoch it
     * believes in, that epoch is this site's epoch.
     */
    public void requireWritable(Long requestEpoch) {
        SiteState s = current;
        if (s.fenced()) {
            throw new SiteNotWritableException(SiteNotWritableException.Reason.FENCED, s, requestEpoch,
                    "site " + s.siteId() + " is fenced at epoch " + s.epoch() + " (" + s.reason() + "): writes are refused");
        }
        if (s.role() != SiteRole.ACTIVE) {
            throw new SiteNotWritableException(SiteNotWritableException.Reason.NOT_ACTIVE, s, requestEpoch,
                    "site " + s.siteId() + " is the " + s.role() + " site; send writes to the active site " + s.activeSite());
        }
        if (requestEpoch != null && requestEpoch != s.epoch()) {
            throw new SiteNotWritableException(SiteNotWritableException.Reason.STALE_EPOCH, s, requestEpoch,
                    "the request was made for epoch " + requestEpoch + " but site " + s.siteId() + " is at epoch "
                            + s.epoch() + "; reload the site state (GET /api/site) and retry");
        }
    }

    public SiteState promote(long epoch, String reason) {
        return promote(epoch, reason, false);
    }

    /**
     * Promotes this site at {@code epoch}; {@code withoutLease} when ops promote it while the lease authority does not
     * answer (see {@link SiteState#promoteWithoutLease}).
     */
    public SiteState promote(long epoch, String reason, boolean withoutLease) {
        SiteState now = repository.find().orElseThrow();
        if (now.role() == SiteRole.STANDBY && epoch > now.epoch()) {
            for (PromotionPreparation preparation : preparations.orderedStream().toList()) {
                preparation.beforePromotion(now, epoch);
            }
        }
        return change(s -> withoutLease ? s.promoteWithoutLease(epoch, clock.instant(), reason)
                : s.promote(epoch, clock.instant(), reason));
    }

    /** The controller took the lease at {@code epoch} for a site promoted without it. */
    public SiteState leaseTaken(long epoch, String reason) {
        return change(s -> s.leaseTaken(epoch, clock.instant(), reason));
    }

    public SiteState demote(long epoch, String activeSite, String reason) {
        return change(s -> s.demote(epoch, activeSite, clock.instant(), reason));
    }

    public SiteState fence(String reason) {
        return change(s -> s.fence(clock.instant(), reason));
    }

    public SiteState unfence(String reason) {
        return change(s -> s.unfence(clock.instant(), reason));
    }

    private SiteState change(UnaryOperator<SiteState> transition) {
        SiteState changed = transactions.execute(status -> {
            SiteState locked = repository.lock().orElseThrow();
            SiteState next = transition.apply(locked);
            if (!next.equals(locked)) {
                repository.update(next);
            }
            return next;
        });
        observe(changed);
        return changed;
    }

    @Scheduled(fixedDelayString = "${hotline.site.refresh-interval:PT0.5S}")
    void refresh() {
        repository.find().ifPresent(this::observe);
    }

    private synchronized void observe(SiteState latest) {
        SiteState previous = current;
        if (latest.equals(previous)) {
            return;
        }
        current = latest;
        log.warn("site {} is now {} at epoch {}{} (active site {}): {}", latest.siteId(), latest.role(), latest.epoch(),
                latest.fenced() ? ", FENCED" : "", latest.activeSite(), latest.reason());
        events.publishEvent(new SiteRoleChanged(previous, latest));
    }
}
