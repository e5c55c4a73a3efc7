package hotline.failover.procedure;

import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import hotline.infra.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Procedure runs persisted in a real (embedded) witness PostgreSQL, driving the real switchover chain. */
class JdbcProcedureStoreIT {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");

    @TempDir
    static Path dataDir;
    private static EmbeddedPostgresServer postgres;
    private static WitnessDatabase witness;
    private JdbcProcedureStore store;

    @BeforeAll
    static void startWitness() {
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("witness"), 0);
        witness = new WitnessDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopWitness() {
        postgres.close();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection c = witness.open(); Statement s = c.createStatement()) {
            s.execute("drop table if exists hotline_procedure_run");
        }
        store = new JdbcProcedureStore(witness);
    }

    private static ProcedureRun fresh() {
        return ProcedureRun.fresh("switchover", "ops:alice", T0, List.of("fenceActive", "takePromotionToken"),
                Map.of("from", "a", "to", "b", "fromEpoch", "7"));
    }

    @Test
    void storesANewRunAndReadsItBackUnchanged() {
        ProcedureRun created = store.create(fresh());

        assertThat(created.id()).isPositive();
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.find(created.id())).contains(created);
        assertThat(store.unfinished()).contains(created);
    }

    @Test
    void savesStepProgressAndMemoWithCompareAndSetOnTheVersion() {
        ProcedureRun created = store.create(fresh());
        Memo memo = new Memo(created.memo());
        memo.put(Switchover.TOKEN, 1500);
        ProcedureRun started = store.save(created.stepStarted("fenceActive", T0.plusSeconds(1), memo));
        ProcedureRun done = store.save(started.stepDone("fenceActive", T0.plusSeconds(2), "fenced", memo));

        assertThat(done.version()).isEqualTo(3);
        ProcedureRun read = store.find(created.id()).orElseThrow();
        assertThat(read).isEqualTo(done);
        assertThat(read.step("fenceActive").status()).isEqualTo(StepStatus.DONE);
        assertThat(read.step("fenceActive").note()).isEqualTo("fenced");
        assertThat(read.memo()).containsEntry(Switchover.TOKEN, "1500");

        assertThatThrownBy(() -> store.save(started.stepDone("fenceActive", T0.plusSeconds(3), "late", memo)))
                .as("a second controller holding version 2").isInstanceOf(ProcedureConflictException.class)
                .hasMessageContaining("run " + created.id() + " changed meanwhile (expected version 2");
    }

    @Test
    void refusesASecondRunWhileOneIsUnfinished() {
        ProcedureRun first = store.create(fresh());

        assertThatThrownBy(() -> store.create(fresh())).isInstanceOf(ProcedureConflictException.class)
                .hasMessage("switchover " + first.id() + " at step fenceActive is unfinished: resume or abort it before "
                        + "starting a switchover");
    }

    @Test
    void aFinishedRunIsNeverChangedAgainAndANewOneMayStart() {
        ProcedureRun created = store.create(fresh());
        Memo memo = new Memo(created.memo());
        ProcedureRun aborted = store.save(created.aborted("fenceActive", T0.plusSeconds(1), "no", memo));

        assertThat(store.unfinished()).isEmpty();
        assertThatThrownBy(() -> store.save(aborted)).isInstanceOf(ProcedureConflictException.class);
        assertThat(store.create(fresh()).id()).isGreaterThan(created.id());
    }

    @Test
    void aRestartedControllerResumesTheSwitchoverFromTheStoredProgressWithoutRepeatingAStep() {
        FakeWorld world = new FakeWorld();
        world.activeWroteUpTo(1500, 3);
        Switchover procedure = new Switchover(world.a, world.b, world.leases, world.routing, world.clock,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 7);
        ProcedureRunner first = new ProcedureRunner(store, world.clock);
        ProcedureRun waiting = first.start(procedure, "ops:alice", Switchover.params("a", "b", 7));
        assertThat(waiting.currentStep()).isEqualTo("awaitStandbyCaughtUp");

        // the controller dies; a new one (new store, new runner) finds the run in the witness
        JdbcProcedureStore restartedStore = new JdbcProcedureStore(witness);
        ProcedureRun found = restartedStore.unfinished().orElseThrow();
        assertThat(found).isEqualTo(waiting);
        ProcedureRun finished = Runs.toTheEnd(new ProcedureRunner(restartedStore, world.clock), procedure, found, world);

        assertThat(finished.status()).isEqualTo(ProcedureStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("a.fence", "lease b@8", "b.promote@8", "route b", "b.seats@8", "a.demote@8");
        assertThat(restartedStore.find(finished.id())).contains(finished);
        assertThat(restartedStore.latest(5)).extracting(ProcedureRun::id).containsExactly(finished.id());
    }

    @Test
    void aWitnessThatDoesNotAnswerIsReportedAsUnavailable() {
        WitnessDatabase nowhere = new WitnessDatabase("jdbc:postgresql://127.0.0.1:1/hotline", "postgres", "postgres",
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> new JdbcProcedureStore(nowhere).unfinished())
                .isInstanceOf(ProcedureStoreUnavailableException.class)
                .hasMessageContaining("the procedure store (jdbc:postgresql://127.0.0.1:1/hotline");
    }
}
