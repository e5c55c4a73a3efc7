package hotline.failover.procedure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverTest {

    private static final List<String> FAILOVER_EFFECTS =
            List.of("lease b@8", "b.replayJournal", "b.promote@8", "route b", "b.seats@8");

    private final FakeWorld world = new FakeWorld();
    private final InMemoryProcedureStore store = new InMemoryProcedureStore();

    private Failover failover(FakeWorld w, boolean forced) {
        return new Failover(w.a, w.b, w.leases, w.routing, w.clock, Duration.ofSeconds(5), 7, forced);
    }

    private ProcedureRun run(FakeWorld w, InMemoryProcedureStore s, String by, boolean forced) {
        ProcedureRunner runner = new ProcedureRunner(s, w.clock);
        Failover procedure = failover(w, forced);
        return Runs.toTheEnd(runner, procedure, runner.start(procedure, by, Failover.params("a", "b", 7, forced)), w);
    }

    private static void siteADiesAndItsLeaseExpires(FakeWorld w) {
        w.a.reachable = false;
        w.clock.advance(Duration.ofSeconds(15));
    }

    @Test
    void takesTheExpiredLeaseThenReplaysTheJournalThenPromotesThenRoutes() {
        siteADiesAndItsLeaseExpires(world);

        ProcedureRun run = run(world, store, "controller-b", false);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactlyElementsOf(FAILOVER_EFFECTS);
        assertThat(run.step("drainReplication").note())
                .isEqualTo("site a's database does not answer; the journal closes the gap");
        assertThat(run.memo()).containsEntry(Failover.JOURNAL_REPLAYED, "replayed 2 entries");
    }

    @Test
    void drainsCdcAsFarAsTheLostActivesDatabaseAllowsBeforeReplaying() {
        world.a.reachable = true;
        world.a.fenced = true;
        world.clock.advance(Duration.ofSeconds(15));
        world.activeWroteUpTo(1200, 3);

        ProcedureRun run = run(world, store, "controller-b", false);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(run.step("drainReplication").note()).isEqualTo("applied everything up to site a's WAL position 1200");
        assertThat(run.step("drainReplication").attempts()).isGreaterThan(1);
        assertThat(world.effects).containsExactlyElementsOf(FAILOVER_EFFECTS);
    }

    @Test
    void refusesWhileTheActivesLeaseIsStillValid() {
        world.a.reachable = false;

        ProcedureRun run = run(world, store, "controller-b", false);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).startsWith("precondition of step acquireLease failed: the lease of site a is still valid until ");
        assertThat(world.effects).isEmpty();
    }

    @Test
    void aForcedFailoverTakesAValidLeaseAndRecordsWhoForcedIt() {
        world.a.reachable = false;

        ProcedureRun run = run(world, store, "ops:alice (forced)", true);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(run.startedBy()).isEqualTo("ops:alice (forced)");
        assertThat(run.memo()).containsEntry(Failover.FORCED, "true");
        assertThat(world.effects).containsExactlyElementsOf(FAILOVER_EFFECTS);
    }

    @Test
    void abortsWhenTheStatedActiveIsNotTheLeaseHolder() {
        world.leases.lease = new hotline.failover.lease.Lease("a", 9, world.clock.instant(), world.clock.instant(),
                Duration.ofSeconds(10), "1");
        siteADiesAndItsLeaseExpires(world);

        ProcedureRun run = run(world, store, "controller-b", false);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).isEqualTo("precondition of step acquireLease failed: the lease names site a at epoch 9, "
                + "not site a at epoch 7: the stated active is not the real one");
        assertThat(world.effects).isEmpty();
    }

    @Test
    void resumesAfterACrashAtEverySaveWithoutRepeatingADoneStep() {
        FakeWorld clean = new FakeWorld();
        siteADiesAndItsLeaseExpires(clean);
        InMemoryProcedureStore counting = new InMemoryProcedureStore();
        run(clean, counting, "controller-b", false);
        int saves = counting.savesSoFar();

        for (int crashAt = 1; crashAt <= saves; crashAt++) {
            FakeWorld w = new FakeWorld();
            siteADiesAndItsLeaseExpires(w);
            InMemoryProcedureStore s = new InMemoryProcedureStore();
            s.crashAtSave(crashAt);
            try {
                run(w, s, "controller-b", false);
            } catch (InMemoryProcedureStore.ControllerCrashed expected) {
                // killed; the restarted controller resumes from the store
            }
            s.noMoreCrashes();
            ProcedureRunner restarted = new ProcedureRunner(s, w.clock);
            ProcedureRun resumed = Runs.toTheEnd(restarted, failover(w, false), s.unfinished().orElseThrow(), w);

            assertThat(resumed.status()).as("crash at save %d", crashAt).isEqualTo(ProcedureStatus.SUCCEEDED);
            assertThat(w.effects).as("crash at save %d", crashAt).containsExactlyElementsOf(FAILOVER_EFFECTS);
        }
    }
}
