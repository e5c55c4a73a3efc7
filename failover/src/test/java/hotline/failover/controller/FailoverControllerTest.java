package hotline.failover.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.FailoverConfig;
import hotline.failover.decision.FailoverTimings;
import hotline.failover.decision.PeerControllerReport;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.procedure.FakeWorld;
import hotline.failover.procedure.InMemoryProcedureStore;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.procedure.ProcedureStatus;
import hotline.failover.procedure.Switchover;
import hotline.failover.switches.OpsSwitchStore;
import hotline.failover.switches.OpsSwitches;

/**
 * The controller's HA cycle over the in-memory world of the procedure tests (two sites, a lease store, routing, a
 * procedure store, a mutable clock): each test runs cycles by hand and checks what the controller did to the world.
 */
class FailoverControllerTest {

    private static final FailoverTimings TIMINGS = FailoverTimings.validated(Duration.ofSeconds(3),
            Duration.ofSeconds(2), Duration.ofMillis(500));

    private final FakeWorld world = new FakeWorld();
    private final InMemoryProcedureStore procedures = new InMemoryProcedureStore();
    private final MemorySwitches switches = new MemorySwitches();
    private PeerControllerReport peerSays = PeerControllerReport.unreachable();

    private FailoverController controllerOf(String site) {
        FakeWorld.FakeSite self = site.equals("a") ? world.a : world.b;
        FakeWorld.FakeSite peer = site.equals("a") ? world.b : world.a;
        ProcedureFactory factory = new ProcedureFactory(Map.of("a", world.a, "b", world.b), world.leases,
                world.routing, world.clock, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(3));
        return new FailoverController(site, peer.id, self, peer, world.leases, procedures, factory, switches,
                asking -> peerSays, new FailoverConfig(TIMINGS, Duration.ofSeconds(5), true), Duration.ofSeconds(15),
                world.clock, new ControllerMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void theActiveSitesControllerCreatesTheLeaseAndKeepsRenewingIt() {
        world.leases.lease = null;
        FailoverController a = controllerOf("a");

        a.cycle();
        assertThat(world.leases.lease.holderSite()).isEqualTo("a");
        assertThat(world.leases.lease.epoch()).isEqualTo(7);

        world.clock.advance(Duration.ofMillis(500));
        a.cycle();
        assertThat(world.leases.lease.renewedAt()).isEqualTo(world.clock.instant());
        assertThat(a.snapshot().orElseThrow().decision().action()).isEqualTo("renew-lease");
    }

    @Test
    void theStandbysControllerPromotesItsSiteOnceTheLostActivesLeaseExpired() {
        FailoverController b = controllerOf("b");
        b.cycle();  // sees a serving: remembers b's lag while a is alive
        world.a.reachable = false;
        world.a.databaseReachable = false;
        world.clock.advance(Duration.ofSeconds(2));
        b.cycle();
        assertThat(world.b.role).as("the lease is still valid: no promotion").isEqualTo(SiteRole.STANDBY);

        world.clock.advance(Duration.ofSeconds(9));
        b.cycle();

        assertThat(world.b.role).isEqualTo(SiteRole.ACTIVE);
        assertThat(world.b.epoch).isEqualTo(8);
        assertThat(world.leases.lease.holderSite()).isEqualTo("b");
        assertThat(world.leases.lease.epoch()).isEqualTo(8);
        assertThat(world.routing.site).isEqualTo("b");
        assertThat(world.effects).containsSubsequence("lease b@8", "b.replayJournal", "b.promote@8", "route b", "b.seats@8");
        assertThat(procedures.unfinished()).isEmpty();
    }

    @Test
    void aSitePromotedWithoutTheLeaseKeepsServingWhileTheStoreIsDownAndTakesTheLeaseWhenItAnswers() {
        FailoverController b = controllerOf("b");
        b.cycle();
        world.a.reachable = false;
        world.a.databaseReachable = false;
        world.leases.reachable = false;
        world.b.promoteWithoutLease(8, "ctl failover --force --without-witness");

        world.clock.advance(Duration.ofSeconds(30));
        b.cycle();
        assertThat(world.b.fenced).as("no self-fence: ops promoted it without the lease").isFalse();
        assertThat(b.snapshot().orElseThrow().decision().reason()).startsWith("site b keeps serving without the lease store");

        world.leases.reachable = true;
        b.cycle();
        assertThat(world.leases.lease.holderSite()).isEqualTo("b");
        assertThat(world.leases.lease.epoch()).isEqualTo(8);
        assertThat(world.b.promotedWithoutLease).isFalse();
        assertThat(world.effects).containsSubsequence("b.promoteWithoutLease@8", "lease b@8", "b.leaseTaken@8");

        world.clock.advance(Duration.ofMillis(500));
        b.cycle();
        assertThat(b.snapshot().orElseThrow().decision().action()).isEqualTo("renew-lease");
        assertThat(world.b.fenced).isFalse();
    }

    @Test
    void aPausedStandbyControllerOnlyReportsThatItWouldPromote() {
        switches.paused = true;
        FailoverController b = controllerOf("b");
        b.cycle();
        world.a.reachable = false;
        world.clock.advance(Duration.ofSeconds(15));

        b.cycle();

        assertThat(world.b.role).isEqualTo(SiteRole.STANDBY);
        assertThat(b.snapshot().orElseThrow().decision().reason()).startsWith("paused: ").contains("would promote site b");
    }

    @Test
    void theActiveFencesItselfWhenItCannotRenewBeforeItsDeadlineAndNobodyVouchesForIt() {
        FailoverController a = controllerOf("a");
        a.cycle();
        world.leases.reachable = false;

        world.clock.advance(Duration.ofMillis(1500));
        a.cycle();
        assertThat(world.a.fenced).as("still inside the renew deadline").isFalse();

        world.clock.advance(Duration.ofMillis(600));
        a.cycle();
        assertThat(world.a.fenced).isTrue();
        assertThat(a.snapshot().orElseThrow().decision().action()).isEqualTo("self-fence");
    }

    @Test
    void theActiveKeepsServingWithoutTheLeaseStoreWhileThePeerControllerPromisesNotToTakeOver() {
        FailoverController a = controllerOf("a");
        a.cycle();
        world.leases.reachable = false;
        peerSays = PeerControllerReport.promisesNotToTakeOver();

        world.clock.advance(Duration.ofSeconds(5));
        a.cycle();

        assertThat(world.a.fenced).isFalse();
        assertThat(a.snapshot().orElseThrow().decision().reason()).contains("failsafe");
    }

    @Test
    void aSelfFencedActiveIsUnfencedOnceItRenewedItsLeaseAgain() {
        FailoverController a = selfFencedWhileTheLeaseStoreWasAwayAndStillHoldingItsLease();

        a.cycle();
        a.cycle();

        assertThat(world.a.fenced).isFalse();
        assertThat(world.effects).endsWith("a.unfence");
    }

    /** The fence has no owner: while the procedure runs cannot be read, a switchover may own it, so it stays. */
    @Test
    void aSelfFenceStaysWhileTheProcedureRunsCannotBeRead() {
        FailoverController a = selfFencedWhileTheLeaseStoreWasAwayAndStillHoldingItsLease();

        procedures.failReads = true;
        a.cycle();
        a.cycle();

        assertThat(world.a.fenced).as("not lifted while a switchover could own the fence").isTrue();
        procedures.failReads = false;
        a.cycle();
        assertThat(world.a.fenced).isFalse();
    }

    /** Site a's controller fenced it at its renew deadline with the store away; the store is back, the lease still a's. */
    private FailoverController selfFencedWhileTheLeaseStoreWasAwayAndStillHoldingItsLease() {
        FailoverController a = controllerOf("a");
        a.cycle();
        world.leases.reachable = false;
        world.clock.advance(Duration.ofMillis(2100));
        a.cycle();
        assertThat(world.a.fenced).isTrue();
        world.leases.reachable = true;
        world.leases.lease = world.leases.lease.renewed(world.clock.instant());  // still its lease: nobody took it
        return a;
    }

    @Test
    void anOperatorFenceIsNeverLiftedByTheController() {
        FailoverController a = controllerOf("a");
        world.a.fenced = true;
        switches.fenced = true;

        a.cycle();
        world.clock.advance(Duration.ofMillis(500));
        a.cycle();

        assertThat(world.a.fenced).isTrue();
        assertThat(world.leases.lease.renewedAt()).isEqualTo(world.clock.instant());
    }

    @Test
    void aReturningOldActiveIsDemotedToStandbyOfTheLeaseHolder() {
        world.leases.lease = new Lease("b", 8, world.clock.instant(), world.clock.instant(), Duration.ofSeconds(3), "5");
        world.b.role = SiteRole.ACTIVE;
        world.b.epoch = 8;
        world.b.activeSite = "b";
        world.b.cdc = CdcState.STOPPED;
        FailoverController a = controllerOf("a");

        a.cycle();

        assertThat(world.a.role).isEqualTo(SiteRole.STANDBY);
        assertThat(world.a.epoch).isEqualTo(8);
        assertThat(world.a.activeSite).isEqualTo("b");
    }

    @Test
    void theTargetSitesControllerFinishesASwitchoverWhoseDriverDied() {
        // ctl switchover fenced a and took the token, then its terminal was closed
        ProcedureRunner runner = new ProcedureRunner(procedures, world.clock);
        Switchover switchover = new Switchover(world.a, world.b, world.leases, world.routing, world.clock,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 7);
        world.activeWroteUpTo(2000, 1000);  // b catches up only much later: the run stops at awaitStandbyCaughtUp
        ProcedureRun run = runner.start(switchover, "ctl:ops", Switchover.params("a", "b", 7));
        assertThat(run.status()).isEqualTo(ProcedureStatus.RUNNING);
        world.b.appliedLsn = 2000L;
        world.activeWroteUpTo(2000, 0);

        FailoverController b = controllerOf("b");
        b.cycle();
        assertThat(world.b.role).as("a run someone may still be driving is left alone").isEqualTo(SiteRole.STANDBY);
        world.clock.advance(Duration.ofSeconds(16));
        while (b.cycle()) {
            world.clock.advance(Duration.ofMillis(100));
        }

        assertThat(procedures.find(run.id()).orElseThrow().status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.b.role).isEqualTo(SiteRole.ACTIVE);
        assertThat(world.a.role).isEqualTo(SiteRole.STANDBY);
        assertThat(world.routing.site).isEqualTo("b");
    }

    @Test
    void everySeriesTheControllerExportsIsInTheMonitoringContract() throws java.io.IOException {
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        prometheus.config().commonTags("site", "a");
        ProcedureFactory factory = new ProcedureFactory(Map.of("a", world.a, "b", world.b), world.leases,
                world.routing, world.clock, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(3));
        FailoverController a = new FailoverController("a", "b", world.a, world.b, world.leases, procedures, factory,
                switches, asking -> peerSays, new FailoverConfig(TIMINGS, Duration.ofSeconds(5), true),
                Duration.ofSeconds(15), world.clock, new ControllerMetrics(prometheus));
        a.cycle();

        java.util.Set<String> exported = new java.util.TreeSet<>();
        prometheus.scrape().lines().filter(l -> l.startsWith("hotline_")).map(l -> l.split("[{ ]", 2)[0])
                .forEach(exported::add);
        java.util.Set<String> listed = new java.util.TreeSet<>(java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("..", "infra", "src", "main", "monitoring", "metrics.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertThat(exported).contains("hotline_failover_paused", "hotline_failover_lease_held",
                "hotline_failover_lease_last_renewal_timestamp_seconds").isSubsetOf(listed);
    }

    /** The ops switches in memory: pause and a fence of site a. */
    private static final class MemorySwitches implements OpsSwitchStore {
        boolean paused;
        boolean fenced;

        @Override
        public OpsSwitches read() {
            OpsSwitches.Setting setting = new OpsSwitches.Setting("ctl:test", java.time.Instant.EPOCH, "test");
            return new OpsSwitches(paused ? Optional.of(setting) : Optional.empty(),
                    fenced ? Map.of("a", setting) : Map.of());
        }

        @Override
        public void pause(OpsSwitches.Setting setting) {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public void fence(String site, OpsSwitches.Setting setting) {
            fenced = true;
        }

        @Override
        public void unfence(String site) {
            fenced = false;
        }
    }
}
