package hotline.failover.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;

/** The failback chain over the in-memory world: b took over at epoch 8, a comes back. */
class FailbackTest {

    private final FakeWorld world = new FakeWorld();
    private final InMemoryProcedureStore store = new InMemoryProcedureStore();

    FailbackTest() {
        world.leases.lease = new Lease("b", 8, world.clock.instant(), world.clock.instant(), Duration.ofSeconds(10), "3");
        world.b.role = SiteRole.ACTIVE;
        world.b.epoch = 8;
        world.b.activeSite = "b";
        world.b.cdc = CdcState.STOPPED;
        world.routing.site = "b";
    }

    private ProcedureRun failBack() {
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);
        Failback procedure = new Failback(world.a, world.b, world.leases, Duration.ofMinutes(10), 8);
        return Runs.toTheEnd(runner, procedure, runner.start(procedure, "ctl:ops", Failback.params("a", "b", 8)), world);
    }

    @Test
    void aReturningOldActiveIsFencedThenDemotedToStandbyOfTheLeaseHolderThenResyncedAndCompared() {
        ProcedureRun run = failBack();

        assertThat(run.status()).as(run.reason()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("a.fence", "a.demote@8");
        assertThat(world.a.role).isEqualTo(SiteRole.STANDBY);
        assertThat(world.a.activeSite).isEqualTo("b");
        assertThat(run.step("confirmConsistency").note()).startsWith("both sites hold the same data");
    }

    @Test
    void aSiteItsControllerAlreadyDemotedIsOnlyWaitedForAndCompared() {
        world.a.role = SiteRole.STANDBY;
        world.a.epoch = 8;
        world.a.activeSite = "b";
        world.a.cdc = CdcState.STREAMING;

        ProcedureRun run = failBack();

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).isEmpty();
    }

    @Test
    void nothingHappensWhenTheLeaseNoLongerNamesTheActiveSiteAtItsEpoch() {
        world.leases.lease = new Lease("a", 9, world.clock.instant(), world.clock.instant(), Duration.ofSeconds(10), "4");

        ProcedureRun run = failBack();

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).contains("the lease no longer names site b at epoch 8");
        assertThat(world.effects).isEmpty();
    }
}
