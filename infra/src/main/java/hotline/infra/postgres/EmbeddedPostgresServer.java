package hotline.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded binaries) on a fixed data directory, configured for
 * durability and logical replication, with database {@value #DATABASE} created on first start.
 *
 * <p>zonky turns fsync and synchronous_commit off by default; this class turns them back on
 * because RPO and crash tests mean nothing without them. Commit timestamps are tracked
 * ({@code track_commit_timestamp}) for the failback quarantine's orphan detection.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "hotline";
    public static final String USER = "postgres";
    /** zonky's initdb uses trust authentication; the password only keeps JDBC URLs uniform. */
    public static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STALE_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Settings every server gets; callers may add or override with {@link #start(Path, int, Map)}. */
    public static Map<String, String> durableLogicalReplicationSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("wal_level", "logical");
        settings.put("max_replication_slots", "10");
        settings.put("max_wal_senders", "10");
        // pg_xact_commit_timestamp(xmin): when each row version committed. The failback quarantine compares it
        // with the last source commit the other site applied, to tell orphan changes from replicated ones.
        settings.put("track_commit_timestamp", "on");
        return settings;
    }

    /** Starts on {@code dataDirectory} (created or reused) and {@code port} (0 = any free port). */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> extraSettings) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PostgreSQL port must be 0 (any free port) or 1-65535, was " + port);
        }
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            stopStale(dataDir);
            Map<String, String> settings = durableLogicalReplicationSettings();
            settings.putAll(extraSettings);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // we stop it ourselves (LocalStack, TestDatabases); a second hook would race ours
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDir);
            try {
                server.createDatabaseIfMissing(DATABASE);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("PostgreSQL {} on port {} with data in {}", server.serverVersion(), server.port(), dataDir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL on " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Connection to the {@code postgres} maintenance database, for admin statements. */
    public Connection adminConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    public void createDatabaseIfMissing(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Database name must be a lower-case SQL identifier: " + name);
        }
        try (Connection c = adminConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String serverVersion() {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "(unknown version: " + e.getMessage() + ")";
        }
    }

    /** Pid of the postmaster, read from {@code postmaster.pid}. */
    public OptionalLong postmasterPid() {
        return readPostmasterPid(dataDirectory);
    }

    /** Whether its postmaster is alive (false after it was killed, e.g. by a crash test). */
    public boolean isRunning() {
        return postmasterPid().stream().boxed().map(ProcessHandle::of).flatMap(Optional::stream)
                .anyMatch(ProcessHandle::isAlive);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            log.info("PostgreSQL on port {} stopped", postgres.getPort());
        } catch (IOException e) {
            log.warn("pg_ctl stop failed for {} ({}); stopping the postmaster by signal", dataDirectory, e.getMessage());
            stopStale(dataDirectory);
        }
    }

    /**
     * Stops a PostgreSQL left running on {@code dataDirectory} by a crashed earlier run, so that no
     * orphan survives and the next start finds its port and data directory free. Sends SIGQUIT
     * (PostgreSQL's immediate shutdown; crash recovery replays the WAL on the next start), then
     * SIGKILL if it has not gone within 15 s. A {@code postmaster.pid} whose pid is not a live
     * postgres is removed. Returns true if a process was stopped.
     */
    public static boolean stopStale(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        OptionalLong pid = readPostmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgres(process.get(), dataDirectory)) {
            deleteQuietly(pidFile);
            return false;
        }
        ProcessHandle postmaster = process.get();
        log.warn("Stopping a leftover PostgreSQL (pid {}) on {}", postmaster.pid(), dataDirectory);
        signal(postmaster.pid(), "QUIT");
        if (!awaitExit(postmaster, STALE_STOP_TIMEOUT)) {
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            awaitExit(postmaster, Duration.ofSeconds(5));
        }
        return true;
    }

    static OptionalLong readPostmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process, Path dataDirectory) {
        // a recycled pid must never be killed: require the postgres binary (or, if the command is
        // unreadable, our data directory on its command line)
        Optional<String> command = process.info().command();
        if (command.isPresent()) {
            return command.get().endsWith("/postgres") || command.get().endsWith("/postmaster");
        }
        return process.info().commandLine().map(line -> line.contains(dataDirectory.toString())).orElse(true);
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // postgres itself reports a lock file it cannot use
        }
    }
}
