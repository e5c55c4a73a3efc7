package hotline.failover.procedure;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverWithoutWitnessTest {

    private final FakeWorld world = new FakeWorld();

    private ProcedureRun run() {
        ProcedureRunner runner = new ProcedureRunner(new UnpersistedProcedureStore(), world.clock);
        FailoverWithoutWitness procedure = new FailoverWithoutWitness(world.a, world.b, world.routing,
                Duration.ofSeconds(5), 8, "ctl:ops");
        return Runs.toTheEnd(runner, procedure, runner.start(procedure, "ctl:ops (forced, without the witness)",
                FailoverWithoutWitness.params("a", "b", 8)), world);
    }

    private void siteAAndTheWitnessAreLost() {
        world.a.reachable = false;
        world.a.databaseReachable = false;
        world.leases.reachable = false;
    }

    @Test
    void replaysTheJournalThenPromotesWithoutTouchingTheLeaseThenRoutesAndSeats() {
        siteAAndTheWitnessAreLost();

        ProcedureRun run = run();

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("b.replayJournal", "b.promoteWithoutLease@8", "route b", "b.seats@8");
        assertThat(world.b.promotedWithoutLease).isTrue();
        assertThat(world.leases.lease.holderSite()).as("the lease store was never written").isEqualTo("a");
        assertThat(run.step("drainReplication").note())
                .isEqualTo("site a's database does not answer; the journal closes the gap");
    }

    @Test
    void runningTheCommandAgainAfterItStoppedRepeatsNoDoneStep() {
        siteAAndTheWitnessAreLost();
        run();
        world.effects.clear();

        ProcedureRun again = run();

        assertThat(again.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).as("every step found its effect").isEmpty();
        assertThat(world.b.epoch).isEqualTo(8);
    }
}
