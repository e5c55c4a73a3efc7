package hotline.failover.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hotline.failover.decision.Decision;
import hotline.failover.decision.FailoverConfig;
import hotline.failover.decision.FailoverDecisions;
import hotline.failover.decision.LeaseReading;
import hotline.failover.decision.LocalFacts;
import hotline.failover.decision.ObservedView;
import hotline.failover.decision.PeerControllerReport;
import hotline.failover.decision.SiteObservation;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.LeaseStoreUnavailableException;
import hotline.failover.procedure.Failover;
import hotline.failover.procedure.Procedure;
import hotline.failover.procedure.ProcedureConflictException;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.procedure.ProcedureStatus;
import hotline.failover.procedure.ProcedureStore;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteStatus;
import hotline.failover.switches.OpsSwitchStore;
import hotline.failover.switches.OpsSwitches;

/**
 * One site's failover controller: the HA cycle (Patroni's loop) around the pure {@link FailoverDecisions#decide}.
 *
 * <p>Every cycle (the retry period; every {@value #PROCEDURE_TICK_MS} ms while it drives a procedure):
 * <ol>
 *   <li><b>observe</b> both sites, the lease, the peer controller, the ops switches and the unfinished procedure
 *       run; anything that does not answer in the request timeout is observed as unreachable;</li>
 *   <li><b>drive</b> the unfinished run if it is this controller's to drive: it started it, or the run makes this
 *       site ACTIVE and nobody advanced it for {@code staleProcedureAfter} (its driver died);</li>
 *   <li><b>decide</b> with the pure function;</li>
 *   <li><b>act</b>: renew or create the lease (compare-and-set), fence or unfence this site, demote it, or take
 *       the lease over by starting the {@link Failover} run.</li>
 * </ol>
 * A cycle that throws is logged and counted; the next one starts from a fresh observation. Only this controller's
 * own thread runs cycles, so the state below needs no locks; {@link #snapshot()} publishes a copy for the HTTP
 * endpoints.
 */
public final class FailoverController {

    private static final Logger log = LoggerFactory.getLogger(FailoverController.class);
    static final long PROCEDURE_TICK_MS = 100;

    private final String site;
    private final String peerSite;
    private final SiteClient self;
    private final SiteClient peer;
    private final LeaseStore leases;
    private final ProcedureStore procedures;
    private final ProcedureFactory procedureFactory;
    private final OpsSwitchStore switchStore;
    private final PeerController peerController;
    private final FailoverConfig config;
    private final Duration staleProcedureAfter;
    private final Clock clock;
    private final ControllerMetrics metrics;
    private final ProcedureRunner runner;
    /** When this controller was made: it takes over an expired lease only after watching it for a lease duration. */
    private final Instant watchingSince;

    private volatile Optional<Instant> lastRenewal = Optional.empty();
    private Optional<Double> lagWhenActiveLastSeen = Optional.empty();
    private OpsSwitches switches = OpsSwitches.NONE;
    private boolean switchesKnown;
    private volatile Long drivenRunId;
    private ScheduledExecutorService leaseKeeper;
    /**
     * When the loop last saw an unfinished procedure run (driven by anyone: this controller, the other, or
     * {@code ctl}) while its own site answered. The decision holds while a run is under way, so without this a
     * lease the run moved to this site would lapse during its later steps (reverse replication can take 20 s).
     */
    private volatile Instant procedureSeenWithLocalSiteUp;
    /** When the loop last decided to renew the lease (null: its last decision was something else). */
    private volatile Instant renewDecidedAt;
    private final ExecutorService observers = Executors.newFixedThreadPool(5, r -> {
        Thread t = new Thread(r, "failover-observer");
        t.setDaemon(true);
        return t;
    });
    /** True while this controller's thread is inside a procedure advance (the lease keeper renews meanwhile). */
    private volatile boolean advancing;
    private long watchedRunId = -1;
    private long watchedRunVersion = -1;
    private Instant watchedRunSince;
    private String lastLoggedDecision = "";
    private final AtomicReference<ControllerSnapshot> snapshot = new AtomicReference<>();
    private ScheduledExecutorService executor;
    private volatile Instant lastCycleEnd;

    public FailoverController(String site, String peerSite, SiteClient self, SiteClient peer, LeaseStore leases,
                              ProcedureStore procedures, ProcedureFactory procedureFactory, OpsSwitchStore switchStore,
                              PeerController peerController, FailoverConfig config, Duration staleProcedureAfter,
                              Clock clock, ControllerMetrics metrics) {
        this.site = site;
        this.peerSite = peerSite;
        this.self = self;
        this.peer = peer;
        this.leases = leases;
        this.procedures = procedures;
        this.procedureFactory = procedureFactory;
        this.switchStore = switchStore;
        this.peerController = peerController;
        this.config = config;
        this.staleProcedureAfter = staleProcedureAfter;
        this.clock = clock;
        this.metrics = metrics;
        this.runner = new ProcedureRunner(procedures, clock);
        this.watchingSince = clock.instant();
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "failover-controller-" + site);
            t.setDaemon(true);
            return t;
        });
        log.info("failover controller of site {} starting: peer site {}, lease {}, timings {}", site, peerSite,
                leases.describe(), config.timings());
        executor.execute(this::loop);
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "failover-lease-keeper-" + site);
            t.setDaemon(true);
            return t;
        });
        long period = config.timings().retryPeriod().toMillis();
        leaseKeeper.scheduleWithFixedDelay(this::keepOwnLeaseFresh, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (leaseKeeper != null) {
            leaseKeeper.shutdownNow();
            leaseKeeper = null;
        }
        observers.shutdownNow();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    private void loop() {
        long next;
        try {
            next = cycle() ? PROCEDURE_TICK_MS : config.timings().retryPeriod().toMillis();
        } catch (RuntimeException e) {
            metrics.cycleFailed();
            log.warn("controller cycle of site {} failed: {}", site, e.toString());
            next = config.timings().retryPeriod().toMillis();
        }
        ScheduledExecutorService ex = executor;
        if (ex != null && !ex.isShutdown()) {
            ex.schedule(this::loop, next, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs one cycle; true when a procedure is being driven (the next cycle comes sooner). */
    public boolean cycle() {
        Instant started = clock.instant();
        // every source is asked at once: a cycle lasts as long as the slowest answer, not the sum of them
        CompletableFuture<SiteObservation> localAsked = CompletableFuture.supplyAsync(() -> observe(self), observers);
        CompletableFuture<SiteObservation> remoteAsked = CompletableFuture.supplyAsync(() -> observe(peer), observers);
        CompletableFuture<LeaseReading> leaseAsked = CompletableFuture.supplyAsync(this::readLease, observers);
        CompletableFuture<PeerControllerReport> peerAsked = CompletableFuture.supplyAsync(() -> peerController.ask(site),
                observers);
        CompletableFuture<Optional<ProcedureRun>> runAsked = CompletableFuture.supplyAsync(this::unfinishedRun, observers);
        readSwitches();
        SiteObservation local = localAsked.join();
        SiteObservation remote = remoteAsked.join();
        LeaseReading lease = leaseAsked.join();
        PeerControllerReport peerReport = peerAsked.join();
        Optional<ProcedureRun> unfinished = runAsked.join();
        rememberLag(local, remote);

        boolean driving = false;
        if (unfinished.isPresent() && mayDrive(unfinished.get())) {
            ProcedureRun run = drive(unfinished.get());
            driving = !run.status().finished();
            unfinished = driving ? Optional.of(run) : Optional.empty();
            if (!driving) {
                // the run ended: decide on what the world looks like now, not before the procedure
                local = observe(self);
                remote = observe(peer);
                lease = readLease();
            }
        }
        procedureSeenWithLocalSiteUp = unfinished.isPresent() && local.reachable() ? clock.instant() : null;
        LocalFacts facts = facts(unfinished);
        ObservedView view = new ObservedView(local, remote, lease, peerReport);
        Decision decision = FailoverDecisions.decide(view, facts, config, clock);
        logDecision(decision);
        act(decision, lease, local);
        metrics.recordCycle(decision, view, facts, lastRenewal, Duration.between(started, clock.instant()));
        snapshot.set(new ControllerSnapshot(site, clock.instant(), view, facts, decision, switches, switchesKnown,
                FailoverDecisions.answerPeer(view, facts), unfinished.map(ProcedureRun::describe)));
        lastCycleEnd = clock.instant();
        return driving;
    }

    /** The last cycle's view and decision (empty before the first cycle ended). */
    public Optional<ControllerSnapshot> snapshot() {
        return Optional.ofNullable(snapshot.get());
    }

    /** When the last cycle ended: the liveness of the loop. */
    public Optional<Instant> lastCycleEnd() {
        return Optional.ofNullable(lastCycleEnd);
    }

    public String site() {
        return site;
    }

    public FailoverConfig config() {
        return config;
    }

    private SiteObservation observe(SiteClient client) {
        try {
            SiteStatus status = client.status();
            if (status.role() == SiteRole.ACTIVE) {
                return new SiteObservation(client.site(), true, status.role(), status.epoch(), status.fenced(),
                        status.writable(), hotline.failover.decision.CdcState.STOPPED, Optional.empty(), Optional.empty(),
                        status.promotedWithoutLease());
            }
            ReplicationStatus replication = client.replication();
            Optional<Double> lag = Double.isNaN(replication.lagSeconds()) ? Optional.empty()
                    : Optional.of(replication.lagSeconds());
            return new SiteObservation(client.site(), true, status.role(), status.epoch(), status.fenced(),
                    status.writable(), replication.cdcState(), lag, replication.lastAppliedLsn());
        } catch (RuntimeException e) {
            return SiteObservation.unreachable(client.site());
        }
    }

    private LeaseReading readLease() {
        try {
            return leases.read().<LeaseReading>map(LeaseReading.Stored::new).orElseGet(LeaseReading.NoneStored::new);
        } catch (LeaseStoreUnavailableException e) {
            return new LeaseReading.StoreUnreachable(e.getMessage());
        } catch (RuntimeException e) {
            return new LeaseReading.StoreUnreachable(e.toString());
        }
    }

    private void readSwitches() {
        try {
            switches = switchStore.read();
            switchesKnown = true;
        } catch (RuntimeException e) {
            switchesKnown = false;  // keep the switches read last: a pause stays a pause while the witness is away
        }
    }

    /** The standby's lag as last seen while the active still served: after the active is gone, lag only grows. */
    private void rememberLag(SiteObservation local, SiteObservation remote) {
        if (local.reachable() && local.role() == SiteRole.ACTIVE) {
            lagWhenActiveLastSeen = Optional.empty();
        } else if (remote.isServingWrites() && local.lagSeconds().isPresent()) {
            lagWhenActiveLastSeen = local.lagSeconds();
        }
    }

    private Optional<ProcedureRun> unfinishedRun() {
        try {
            return procedures.unfinished();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This controller drives a run it started, and takes over a run that makes its site ACTIVE once nobody has
     * advanced it for {@code staleProcedureAfter} (the CLI or the controller driving it died). Compare-and-set on
     * the run's version keeps two drivers from both moving it.
     */
    private boolean mayDrive(ProcedureRun run) {
        if (drivenRunId != null && drivenRunId == run.id()) {
            return true;
        }
        if (run.id() != watchedRunId || run.version() != watchedRunVersion) {
            watchedRunId = run.id();
            watchedRunVersion = run.version();
            watchedRunSince = clock.instant();
            return false;
        }
        boolean stale = Duration.between(watchedRunSince, clock.instant()).compareTo(staleProcedureAfter) >= 0;
        if (stale && site.equals(ProcedureFactory.targetOf(run))) {
            log.warn("resuming {} (started by {}): nobody advanced it for {} s", run.describe(), run.startedBy(),
                    staleProcedureAfter.toSeconds());
            drivenRunId = run.id();
            return true;
        }
        return false;
    }

    private ProcedureRun drive(ProcedureRun run) {
        try {
            Procedure procedure = procedureFactory.of(run);
            ProcedureRun advanced;
            advancing = true;
            try {
                advanced = runner.advance(procedure, run);
            } finally {
                advancing = false;
            }
            if (advanced.status().finished()) {
                finished(advanced);
            }
            return advanced;
        } catch (ProcedureConflictException e) {
            log.warn("{} was advanced by someone else; leaving it to them: {}", run.describe(), e.getMessage());
            drivenRunId = null;
            return run;
        }
    }

    /**
     * The lease keeper, a second thread ticking every retry period, renews the lease (compare-and-set, only while it
     * names this site: it never takes one) in two cases:
     * <ul>
     *   <li>while this controller drives a procedure: the decision holds meanwhile, and one advance can take several
     *       seconds (drain, journal replay, promotion); a lease this site took over must not expire under it, or the
     *       site would fence itself right after its promotion;</li>
     *   <li>while the last decision was to renew and is at most two retry periods old: a cycle slowed by a slow
     *       answer (a loaded machine, a timeout) must not let a healthy active's lease lapse. A decision not to renew
     *       (site unreachable) stops it within two retry periods.</li>
     * </ul>
     */
    private void keepOwnLeaseFresh() {
        Duration fresh = config.timings().retryPeriod().multipliedBy(2);
        Instant decided = renewDecidedAt;
        boolean renewDecisionFresh = decided != null && Duration.between(decided, clock.instant()).compareTo(fresh) <= 0;
        Instant seen = procedureSeenWithLocalSiteUp;
        boolean procedureUnderWay = seen != null && Duration.between(seen, clock.instant()).compareTo(fresh) <= 0;
        if (!advancing && !renewDecisionFresh && !procedureUnderWay) {
            return;
        }
        try {
            Optional<Lease> stored = leases.read();
            if (stored.isPresent() && stored.get().holderSite().equals(site)) {
                Instant now = clock.instant();
                Lease current = stored.get();
                leases.compareAndSet(current, new Lease(current.holderSite(), current.epoch(), current.acquiredAt(), now,
                        config.timings().leaseDuration(), current.resourceVersion()))
                        .ifPresent(l -> lastRenewal = Optional.of(now));
            }
        } catch (RuntimeException e) {
            log.warn("could not renew the lease of site {} during a procedure: {}", site, e.getMessage());
        }
    }

    private void finished(ProcedureRun run) {
        drivenRunId = null;
        metrics.procedureFinished(run.kind(), run.status());
        if (run.status() == ProcedureStatus.SUCCEEDED) {
            log.info("{} SUCCEEDED: site {} is active", run.describe(), ProcedureFactory.targetOf(run));
        } else {
            log.warn("{} ABORTED: {}", run.describe(), run.reason());
        }
    }

    private LocalFacts facts(Optional<ProcedureRun> unfinished) {
        return new LocalFacts(site, peerSite, switches.paused(), switches.fencedByOperator(site), lastRenewal,
                lagWhenActiveLastSeen, unfinished.map(ProcedureRun::describe), Optional.empty(), watchingSince);
    }

    private void act(Decision decision, LeaseReading reading, SiteObservation local) {
        if (!(decision instanceof Decision.RenewLease)) {
            renewDecidedAt = null;
        }
        if (decision instanceof Decision.RenewLease renew) {
            if (renewLease(renew, reading) && local.promotedWithoutLease() && local.epoch() == renew.epoch()) {
                tellSiteItHoldsItsLease(renew.epoch());  // the last take-over's second half did not reach the site
            }
        } else if (decision instanceof Decision.TakeLeaseOfPromotedSite take) {
            takeLeaseOfPromotedSite(take, reading);
        } else if (decision instanceof Decision.SelfFence fence) {
            self.fence(fence.reason());
        } else if (decision instanceof Decision.LiftSelfFence lift) {
            liftSelfFenceUnlessAProcedureRuns(lift);
        } else if (decision instanceof Decision.Demote demote) {
            self.demote(demote.epoch(), demote.activeSite(), demote.reason());
        } else if (decision instanceof Decision.AcquireLeaseAndPromote promote) {
            startFailover(promote, reading);
        }
        // Hold: nothing to do; StartSwitchover: switchovers are run by ctl switchover, never by the loop
    }

    /**
     * The fence carries no owner: a switchover started since this cycle looked (or whose run could not be read) may
     * have fenced the site for its promotion token, and lifting it then would let writes in after the token. So the
     * procedure store is read again right before the lift, and an unreadable store means no lift.
     */
    private void liftSelfFenceUnlessAProcedureRuns(Decision.LiftSelfFence lift) {
        Optional<ProcedureRun> running;
        try {
            running = procedures.unfinished();
        } catch (RuntimeException e) {
            log.warn("site {} stays fenced: the procedure runs could not be read ({}), a switchover may own the fence",
                    site, e.getMessage());
            return;
        }
        if (running.isPresent()) {
            log.info("site {} stays fenced: {} is in progress", site, running.get().describe());
            return;
        }
        self.unfence(lift.reason());
    }

    /**
     * Ops promoted this site without the lease; now the store answers and the old holder's lease expired: write the
     * lease for this site at the epoch it was promoted at, then clear the site's wait.
     */
    private void takeLeaseOfPromotedSite(Decision.TakeLeaseOfPromotedSite take, LeaseReading reading) {
        Lease current = ((LeaseReading.Stored) reading).lease();
        Instant now = clock.instant();
        Optional<Lease> written = leases.compareAndSet(current, new Lease(site, take.epoch(), now, now,
                config.timings().leaseDuration(), current.resourceVersion()));
        if (written.isEmpty()) {
            log.warn("the lease changed under this controller while taking it for site {}; the next cycle reads it again",
                    site);
            return;
        }
        lastRenewal = Optional.of(now);
        log.warn("site {} holds the lease at epoch {} now (it was promoted without the lease; site {} held epoch {})",
                site, take.epoch(), take.previousHolder(), current.epoch());
        tellSiteItHoldsItsLease(take.epoch());
    }

    private void tellSiteItHoldsItsLease(long epoch) {
        try {
            self.leaseTaken(epoch, "controller of site " + site + " holds the lease at epoch " + epoch);
        } catch (RuntimeException e) {
            log.warn("site {} could not be told it holds its lease at epoch {} ({}); the next renewal tells it again",
                    site, epoch, e.getMessage());
        }
    }

    /** @return whether the lease was written */
    private boolean renewLease(Decision.RenewLease renew, LeaseReading reading) {
        Instant now = clock.instant();
        renewDecidedAt = now;
        Duration duration = config.timings().leaseDuration();
        Optional<Lease> written;
        if (reading instanceof LeaseReading.Stored stored) {
            Lease current = stored.lease();
            written = leases.compareAndSet(current, new Lease(current.holderSite(), current.epoch(),
                    current.acquiredAt(), now, duration, current.resourceVersion()));
        } else {
            written = leases.compareAndSet(null, new Lease(site, renew.epoch(), now, now, duration, null));
        }
        if (written.isPresent()) {
            lastRenewal = Optional.of(now);
        } else {
            log.warn("lease of site {} changed under this controller while renewing; the next cycle reads it again", site);
        }
        return written.isPresent();
    }

    private void startFailover(Decision.AcquireLeaseAndPromote promote, LeaseReading reading) {
        long fromEpoch = ((LeaseReading.Stored) reading).lease().epoch();
        Failover failover = procedureFactory.failover(promote.previousHolder(), site, fromEpoch, false);
        try {
            ProcedureRun run;
            advancing = true;
            try {
                run = runner.start(failover, "controller:" + site,
                        Failover.params(promote.previousHolder(), site, fromEpoch, false));
            } finally {
                advancing = false;
            }
            drivenRunId = run.id();
            metrics.procedureStarted(Failover.KIND);
            log.info("started {}: {}", run.describe(), promote.reason());
            if (run.status().finished()) {
                finished(run);
            }
        } catch (ProcedureConflictException e) {
            log.warn("not starting a failover: {}", e.getMessage());
        }
    }

    private void logDecision(Decision decision) {
        String key = decision.action() + ":" + decision.reason().replaceAll("[0-9]+(\\.[0-9]+)?", "#");
        if (!key.equals(lastLoggedDecision)) {
            lastLoggedDecision = key;
            if (decision instanceof Decision.Hold || decision instanceof Decision.RenewLease) {
                log.info("site {} decision {}: {}", site, decision.action(), decision.reason());
            } else {
                log.warn("site {} decision {}: {}", site, decision.action(), decision.reason());
            }
        }
    }
}
