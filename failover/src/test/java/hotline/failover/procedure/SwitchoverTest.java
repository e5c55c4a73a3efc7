package hotline.failover.procedure;

import hotline.failover.decision.CdcState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SwitchoverTest {

    private static final List<String> SWITCHOVER_EFFECTS =
            List.of("a.fence", "lease b@8", "b.promote@8", "route b", "b.seats@8", "a.demote@8");

    private final FakeWorld world = new FakeWorld();
    private final InMemoryProcedureStore store = new InMemoryProcedureStore();

    private Switchover switchover(long fromEpoch) {
        return new Switchover(world.a, world.b, world.leases, world.routing, world.clock, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(60), fromEpoch);
    }

    private ProcedureRun start(long fromEpoch) {
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);
        Switchover procedure = switchover(fromEpoch);
        ProcedureRun run = runner.start(procedure, "ops:alice", Switchover.params("a", "b", fromEpoch));
        return Runs.toTheEnd(runner, procedure, run, world);
    }

    @Test
    void switchesOverInOrderFenceTokenCatchUpLeasePromoteRouteDemote() {
        world.activeWroteUpTo(1500, 3);

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactlyElementsOf(SWITCHOVER_EFFECTS);
        assertThat(run.memo()).containsEntry(Switchover.TOKEN, "1500");
        assertThat(run.steps()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.DONE);
            assertThat(step.startedAt()).isNotNull();
            assertThat(step.endedAt()).isNotNull();
        });
        assertThat(run.step("awaitStandbyCaughtUp").attempts()).isGreaterThan(1);
        assertThat(world.b.role).isEqualTo(hotline.failover.decision.SiteRole.ACTIVE);
        assertThat(world.a.activeSite).isEqualTo("b");
        assertThat(run.startedBy()).isEqualTo("ops:alice");
    }

    @Test
    void waitsForTheStandbyToReachThePromotionTokenWithoutMovingTheLease() {
        world.activeWroteUpTo(1500, 1000);
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);

        ProcedureRun run = runner.start(switchover(7), "ops:alice", Switchover.params("a", "b", 7));

        assertThat(run.status()).isEqualTo(ProcedureStatus.RUNNING);
        assertThat(run.currentStep()).isEqualTo("awaitStandbyCaughtUp");
        assertThat(run.reason()).isEqualTo("site b applied up to WAL position 1000 (no slot for site b at site a), waiting for 1500");
        assertThat(world.effects).containsExactly("a.fence");
        assertThat(world.leases.lease.holderSite()).isEqualTo("a");
    }

    @Test
    void standbyCountsAsCaughtUpWhenTheActivesSlotConfirmedTheTokenEvenIfItsOffsetStaysBelow() {
        // WAL after the last replicated commit is never "applied": the stored offset stays at 1000 forever
        world.activeWroteUpTo(1500, 0);
        world.a.confirmedFlush = java.util.OptionalLong.of(1500);

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactlyElementsOf(SWITCHOVER_EFFECTS);
        assertThat(world.b.appliedLsn).isEqualTo(1000L);
    }

    @Test
    void nudgesTheStandbysCdcOnceRightAfterTakingTheToken() {
        world.activeWroteUpTo(1500, 3);

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.a.nudgedAt).containsExactly(1500L);
        assertThat(world.b.nudgedAt).isEmpty();
    }

    @Test
    void aSlotConfirmedBelowTheTokenIsNotEnough() {
        world.activeWroteUpTo(1500, 0);
        world.a.confirmedFlush = java.util.OptionalLong.of(1499);
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);

        ProcedureRun run = runner.start(switchover(7), "ops:alice", Switchover.params("a", "b", 7));

        assertThat(run.status()).isEqualTo(ProcedureStatus.RUNNING);
        assertThat(run.reason()).isEqualTo("site b applied up to WAL position 1000 (slot confirmed 1499), waiting for 1500");
    }

    @Test
    void resumesAfterACrashAtEverySaveWithoutRepeatingADoneStep() {
        FakeWorld clean = new FakeWorld();
        clean.activeWroteUpTo(1500, 3);
        InMemoryProcedureStore counting = new InMemoryProcedureStore();
        ProcedureRunner cleanRunner = new ProcedureRunner(counting, clean.clock);
        Switchover cleanProcedure = new Switchover(clean.a, clean.b, clean.leases, clean.routing, clean.clock,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 7);
        Runs.toTheEnd(cleanRunner, cleanProcedure, cleanRunner.start(cleanProcedure, "ops", Switchover.params("a", "b", 7)), clean);
        int saves = counting.savesSoFar();
        assertThat(saves).isGreaterThan(SWITCHOVER_EFFECTS.size());

        for (int crashAt = 1; crashAt <= saves; crashAt++) {
            FakeWorld world = new FakeWorld();
            world.activeWroteUpTo(1500, 3);
            InMemoryProcedureStore store = new InMemoryProcedureStore();
            store.crashAtSave(crashAt);
            Switchover procedure = new Switchover(world.a, world.b, world.leases, world.routing, world.clock,
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 7);
            try {
                ProcedureRunner doomed = new ProcedureRunner(store, world.clock);
                Runs.toTheEnd(doomed, procedure, doomed.start(procedure, "ops", Switchover.params("a", "b", 7)), world);
            } catch (InMemoryProcedureStore.ControllerCrashed expected) {
                // the controller died here; a new one starts from what was persisted
            }
            store.noMoreCrashes();
            ProcedureRunner restarted = new ProcedureRunner(store, world.clock);
            ProcedureRun resumed = Runs.toTheEnd(restarted, procedure, store.unfinished().orElseThrow(), world);

            assertThat(resumed.status()).as("crash at save %d", crashAt).isEqualTo(ProcedureStatus.SUCCEEDED);
            assertThat(world.effects).as("crash at save %d", crashAt).containsExactlyElementsOf(SWITCHOVER_EFFECTS);
        }
    }

    /**
     * The active was already fenced by its own controller (a self-fence after a slow renewal) when the switchover
     * began, and that controller lifts it once it renews: writes then resume after the promotion token. The switchover
     * must notice before it moves the lease, and stop with nothing changed, instead of promoting a standby that lacks
     * those writes.
     */
    @Test
    void abortsWithoutMovingTheLeaseWhenTheActivesFenceIsLiftedAfterTheToken() {
        world.activeWroteUpTo(1500, 2);
        world.a.fenced = true;   // self-fenced by its controller
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);
        Switchover procedure = switchover(7);
        ProcedureRun run = runner.start(procedure, "ops:alice", Switchover.params("a", "b", 7));
        assertThat(run.currentStep()).isEqualTo("awaitStandbyCaughtUp");

        world.a.fenced = false;  // its controller renewed and lifted the self-fence; site a takes writes again
        run = Runs.toTheEnd(runner, procedure, run, world);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).contains("site a is no longer fenced: writes may have happened after the promotion token");
        assertThat(world.leases.lease.holderSite()).isEqualTo("a");
        assertThat(world.b.role).isEqualTo(hotline.failover.decision.SiteRole.STANDBY);
        assertThat(world.effects).doesNotContain("lease b@8", "b.promote@8");
    }

    @Test
    void abortsBeforeFencingWhenTheStandbyLagsTooMuch() {
        world.b.lag = 12.0;

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).isEqualTo("precondition of step fenceActive failed: site b CDC lag 12.0 s exceeds 5.0 s");
        assertThat(run.step("fenceActive").status()).isEqualTo(StepStatus.FAILED);
        assertThat(world.effects).isEmpty();
    }

    @Test
    void refusesWhenTheStatedPrimaryIsNotTheRealOne() {
        ProcedureRun run = start(6);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).isEqualTo("precondition of step fenceActive failed: site a is not the real active: "
                + "the lease names site a at epoch 7, not site a at epoch 6");
        assertThat(world.effects).isEmpty();
    }

    @Test
    void abortsAndUnfencesTheActiveWhenTheStandbyNeverCatchesUp() {
        world.activeWroteUpTo(1500, 100_000);

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).startsWith("step awaitStandbyCaughtUp still waiting after 30 s: site b applied up to "
                        + "WAL position 1000 (no slot for site b at site a), waiting for 1500")
                .endsWith("; site a unfenced: it still holds the lease");
        assertThat(world.effects).containsExactly("a.fence", "a.unfence");
        assertThat(world.leases.lease.holderSite()).isEqualTo("a");
        assertThat(world.leases.lease.expiredAt(world.clock.instant()))
                .as("the lease was renewed while waiting").isFalse();
    }

    @Test
    void abortsWhenTheActiveIsUnfencedWhileTheStandbyCatchesUp() {
        world.activeWroteUpTo(1500, 1000);
        ProcedureRunner runner = new ProcedureRunner(store, world.clock);
        Switchover procedure = switchover(7);
        ProcedureRun run = runner.start(procedure, "ops", Switchover.params("a", "b", 7));
        world.a.fenced = false;

        run = runner.advance(procedure, run);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).isEqualTo("precondition of step awaitStandbyCaughtUp failed: site a is no longer "
                + "fenced: writes may have happened after the promotion token was taken");
        assertThat(world.leases.lease.holderSite()).isEqualTo("a");
    }

    @Test
    void reportsAReverseReplicationThatDoesNotStartAfterThePromotion() {
        world.a.cdcAfterDemote = CdcState.SLOT_LOST;

        ProcedureRun run = start(7);

        assertThat(run.status()).isEqualTo(ProcedureStatus.ABORTED);
        assertThat(run.reason()).isEqualTo("step confirmReverseReplication still waiting after 60 s: site a does not "
                + "stream from site b yet (CDC SLOT_LOST)");
        assertThat(world.effects).containsExactlyElementsOf(SWITCHOVER_EFFECTS);
        assertThat(world.b.role).isEqualTo(hotline.failover.decision.SiteRole.ACTIVE);
    }
}
