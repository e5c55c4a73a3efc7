package hotline.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @TempDir
    Path tempDir;

    @Test
    void runsWithDurableSettingsAndLogicalWal() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(tempDir.resolve("pgdata"), 0)) {
            assertThat(show(server, "fsync")).isEqualTo("on");
            assertThat(show(server, "synchronous_commit")).isEqualTo("on");
            assertThat(show(server, "wal_level")).isEqualTo("logical");
            assertThat(show(server, "max_replication_slots")).isEqualTo("10");
            assertThat(show(server, "max_wal_senders")).isEqualTo("10");
            assertThat(show(server, "track_commit_timestamp")).isEqualTo("on");
            assertThat(show(server, "server_version")).startsWith("17.");
            assertThat(server.jdbcUrl()).endsWith("/hotline");
        }
    }

    @Test
    void keepsDataWhenRestartedOnTheSameDataDirectory() throws Exception {
        Path dataDir = tempDir.resolve("pgdata");
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            port = server.port();
            execute(server, "CREATE TABLE ticket (id int primary key, title text)");
            execute(server, "INSERT INTO ticket VALUES (1, '江汉区停水')");
        }
        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, port)) {
            assertThat(restarted.port()).isEqualTo(port);
            assertThat(query(restarted, "SELECT title FROM ticket WHERE id = 1")).isEqualTo("江汉区停水");
        }
    }

    @Test
    void stopStaleStopsALeftoverPostgresSoTheDataDirectoryCanBeReused() throws Exception {
        Path dataDir = tempDir.resolve("pgdata");
        EmbeddedPostgresServer leftover = EmbeddedPostgresServer.start(dataDir, 0);
        try {
            execute(leftover, "CREATE TABLE survived (id int)");
            execute(leftover, "INSERT INTO survived VALUES (42)");
            long pid = leftover.postmasterPid().orElseThrow();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            assertThat(EmbeddedPostgresServer.stopStale(dataDir)).isTrue();

            await("leftover postmaster " + pid + " to exit").atMost(Duration.ofSeconds(20))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            leftover.close(); // releases zonky's in-JVM lock on the data directory; the server is already gone
            try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(dataDir, 0)) {
                assertThat(query(next, "SELECT id FROM survived")).isEqualTo("42");
            }
        } finally {
            leftover.close();
        }
    }

    @Test
    void stopStaleIgnoresADataDirectoryWithoutARunningServer() {
        assertThat(EmbeddedPostgresServer.stopStale(tempDir.resolve("never-used"))).isFalse();
    }

    private static String show(EmbeddedPostgresServer server, String setting) throws SQLException {
        return query(server, "SHOW " + setting);
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
