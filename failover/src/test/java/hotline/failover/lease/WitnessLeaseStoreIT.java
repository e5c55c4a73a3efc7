package hotline.failover.lease;

import hotline.failover.witness.WitnessDatabase;
import hotline.infra.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The witness lease against a real PostgreSQL 17 (embedded). */
class WitnessLeaseStoreIT {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static EmbeddedPostgresServer postgres;
    private static WitnessDatabase witness;
    private WitnessLeaseStore store;

    @BeforeAll
    static void startWitness() {
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("witness"), 0);
        witness = new WitnessDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stopWitness() {
        postgres.close();
    }

    @BeforeEach
    void freshLeaseName() throws Exception {
        store = new WitnessLeaseStore(witness, WitnessLeaseStore.DEFAULT_NAME);
        try (Connection c = witness.open(); Statement s = c.createStatement()) {
            s.execute("drop table if exists hotline_lease");
        }
    }

    private static Lease first(String site) {
        return new Lease(site, 1, T0, T0, TEN_SECONDS, null);
    }

    @Test
    void readsNothingBeforeTheFirstLeaseIsCreated() {
        assertThat(store.read()).isEmpty();
    }

    @Test
    void createsTheFirstLeaseAndReadsItBack() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();

        assertThat(created).isEqualTo(new Lease("a", 1, T0, T0, TEN_SECONDS, "1"));
        assertThat(store.read()).contains(created);
    }

    @Test
    void createsOnlyOnceWhenTwoControllersCreateTheFirstLease() {
        assertThat(store.compareAndSet(null, first("a"))).isPresent();

        assertThat(store.compareAndSet(null, first("b"))).isEmpty();
        assertThat(store.read().orElseThrow().holderSite()).isEqualTo("a");
    }

    @Test
    void renewsKeepingHolderAndEpochWithANewVersion() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();

        Lease renewed = store.compareAndSet(created, created.renewed(T0.plusSeconds(1))).orElseThrow();

        assertThat(renewed).isEqualTo(new Lease("a", 1, T0, T0.plusSeconds(1), TEN_SECONDS, "2"));
        assertThat(store.read()).contains(renewed);
    }

    @Test
    void takesOverAnExpiredLeaseWithTheNextEpoch() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();
        Instant later = T0.plusSeconds(11);
        assertThat(created.expiredAt(later)).isTrue();

        Lease taken = store.compareAndSet(created, created.takenOverBy("b", later)).orElseThrow();

        assertThat(taken).isEqualTo(new Lease("b", 2, later, later, TEN_SECONDS, "2"));
        assertThat(store.read()).contains(taken);
    }

    @Test
    void refusesAChangeBasedOnAStaleVersion() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();
        store.compareAndSet(created, created.renewed(T0.plusSeconds(1))).orElseThrow();

        assertThat(store.compareAndSet(created, created.takenOverBy("b", T0.plusSeconds(11)))).isEmpty();
        assertThat(store.read().orElseThrow().holderSite()).isEqualTo("a");
    }

    @Test
    void exactlyOneOfTwoControllersTakingOverAtOnceWins() throws Exception {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();
        Instant later = T0.plusSeconds(11);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService controllers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<Lease>>> attempts = new ArrayList<>();
            for (String site : List.of("b", "c")) {
                WitnessLeaseStore own = new WitnessLeaseStore(witness, WitnessLeaseStore.DEFAULT_NAME);
                Callable<Optional<Lease>> takeOver = () -> {
                    together.await();
                    return own.compareAndSet(created, created.takenOverBy(site, later));
                };
                attempts.add(controllers.submit(takeOver));
            }
            List<Lease> winners = new ArrayList<>();
            for (Future<Optional<Lease>> attempt : attempts) {
                attempt.get().ifPresent(winners::add);
            }

            assertThat(winners).hasSize(1);
            assertThat(store.read()).contains(winners.get(0));
            assertThat(winners.get(0).epoch()).isEqualTo(2);
        } finally {
            controllers.shutdownNow();
        }
    }

    @Test
    void reportsAWitnessThatRefusesConnectionsAsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        WitnessLeaseStore down = new WitnessLeaseStore(new WitnessDatabase(
                "jdbc:postgresql://localhost:" + closedPort + "/hotline", "postgres", "postgres", Duration.ofSeconds(1)),
                WitnessLeaseStore.DEFAULT_NAME);

        assertThatThrownBy(down::read).isInstanceOf(LeaseStoreUnavailableException.class)
                .hasMessageContaining("read failed");
        assertThatThrownBy(() -> down.compareAndSet(null, first("a"))).isInstanceOf(LeaseStoreUnavailableException.class)
                .hasMessageContaining("compare-and-set failed");
    }

    @Test
    void givesUpOnAWitnessThatAcceptsButNeverAnswersWithinItsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            WitnessLeaseStore frozen = new WitnessLeaseStore(new WitnessDatabase(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/hotline", "postgres", "postgres",
                    Duration.ofSeconds(1)), WitnessLeaseStore.DEFAULT_NAME);

            long started = System.nanoTime();
            assertThatThrownBy(frozen::read).isInstanceOf(LeaseStoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void reportsTheWitnessGoingDownAsUnavailable(@TempDir Path own) {
        EmbeddedPostgresServer doomed = EmbeddedPostgresServer.start(own.resolve("doomed"), 0);
        WitnessLeaseStore leases = new WitnessLeaseStore(new WitnessDatabase(doomed.jdbcUrl(), doomed.user(),
                doomed.password(), Duration.ofSeconds(1)), WitnessLeaseStore.DEFAULT_NAME);
        leases.compareAndSet(null, first("a")).orElseThrow();

        doomed.close();

        assertThatThrownBy(leases::read).isInstanceOf(LeaseStoreUnavailableException.class);
    }
}
