package hotline.testsupport;

import hotline.infra.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Fresh databases for integration tests, on one PostgreSQL cluster per JVM (started on first use,
 * stopped by a shutdown hook). System property {@code hotline.test.database} picks the cluster:
 * {@code embedded} (default: {@link EmbeddedPostgresServer} with durable settings and logical WAL,
 * data in a temp dir) or {@code testcontainers} ({@code postgres:17} with {@code wal_level=logical} and {@code track_commit_timestamp};
 * needs a Docker engine).
 */
public final class TestDatabases {

    public static final String KIND_PROPERTY = "hotline.test.database";

    private static Cluster cluster;

    private TestDatabases() {
    }

    /** {@code CREATE DATABASE t_<random>} on the shared cluster. */
    public static TestDatabase newDatabase() {
        Cluster shared = cluster();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(shared.adminJdbcUrl(), shared.username(), shared.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(shared.jdbcUrl(name), shared.username(), shared.password());
    }

    /** Whether a Docker engine answers (Testcontainers' own check); false on the CI machine. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | NoClassDefFoundError e) {
            return false;
        }
    }

    static synchronized Cluster cluster() {
        if (cluster == null) {
            String kind = System.getProperty(KIND_PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
            cluster = switch (kind) {
                case "embedded", "" -> EmbeddedCluster.start();
                case "testcontainers" -> ContainerCluster.start();
                default -> throw new IllegalArgumentException("-D" + KIND_PROPERTY + " must be 'embedded' or "
                        + "'testcontainers', was '" + kind + "'");
            };
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "test-databases-shutdown"));
        }
        return cluster;
    }

    interface Cluster {
        String adminJdbcUrl();

        String jdbcUrl(String database);

        String username();

        String password();

        void stop();
    }

    private record EmbeddedCluster(EmbeddedPostgresServer server, Path dataRoot) implements Cluster {
        static EmbeddedCluster start() {
            try {
                Path root = Files.createTempDirectory("hotline-test-pg-");
                return new EmbeddedCluster(EmbeddedPostgresServer.start(root.resolve("pgdata"), 0), root);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temp dir for the test PostgreSQL: " + e.getMessage(), e);
            }
        }

        public String adminJdbcUrl() {
            return server.jdbcUrl("postgres");
        }

        public String jdbcUrl(String database) {
            return server.jdbcUrl(database);
        }

        public String username() {
            return server.user();
        }

        public String password() {
            return server.password();
        }

        public void stop() {
            server.close();
            try (Stream<Path> files = Files.walk(dataRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir; the OS cleans it eventually
            }
        }
    }

    private record ContainerCluster(PostgreSQLContainer container) implements Cluster {
        static ContainerCluster start() {
            if (!dockerAvailable()) {
                throw new IllegalStateException("-D" + KIND_PROPERTY + "=testcontainers needs a Docker engine and "
                        + "none answers; use the default 'embedded'");
            }
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                    .withCommand("postgres", "-c", "wal_level=logical", "-c", "fsync=on", "-c", "track_commit_timestamp=on",
                            "-c", "max_replication_slots=10", "-c", "max_wal_senders=10");
            container.start();
            return new ContainerCluster(container);
        }

        public String adminJdbcUrl() {
            return jdbcUrl("postgres");
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
        }

        public String username() {
            return container.getUsername();
        }

        public String password() {
            return container.getPassword();
        }

        public void stop() {
            container.stop();
        }
    }
}
