package hotline.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.app.HotlineApplication;
import hotline.app.replication.CdcEngine;
import hotline.app.replication.model.CdcState;
import hotline.testsupport.TestDatabase;
import hotline.testsupport.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both sites in one test JVM, for real: two databases with logical WAL, two Spring contexts (site A ACTIVE,
 * site B STANDBY running the Debezium engine against A), two Hazelcast members bound to 127.0.0.1 and 127.0.0.2
 * forming one grid. {@link #restartB()} stops site B's app and starts it again on the same database;
 * {@link #stopA()} and {@link #startA()} do the same for site A in two steps (a site that is gone for a while and
 * comes back with whatever its database says). Also the waits and payloads the two-site tests share.
 */
public final class TwoSites implements AutoCloseable {

    public final TestDatabase databaseA = TestDatabases.newDatabase();
    public final TestDatabase databaseB = TestDatabases.newDatabase();
    private final String cluster = "two-sites-" + UUID.randomUUID();
    private final int gridPortA = freePort();
    private final int gridPortB = freePort();
    private final List<String> extraB = new ArrayList<>();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    public TwoSites(String... extraPropertiesForB) {
        extraB.addAll(List.of(extraPropertiesForB));
        a = start("a");
        b = start("b");
    }

    private ConfigurableApplicationContext start(String site) {
        boolean isA = site.equals("a");
        TestDatabase own = isA ? databaseA : databaseB;
        TestDatabase peer = isA ? databaseB : databaseA;
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + own.jdbcUrl(),
                "spring.datasource.username=" + own.username(),
                "spring.datasource.password=" + own.password(),
                "hotline.site.id=" + site,
                "hotline.site.initial-role=" + (isA ? "ACTIVE" : "STANDBY"),
                "hotline.site.initial-active-site=a",
                "hotline.hazelcast.cluster-name=" + cluster,
                "hotline.hazelcast.bind-address=" + (isA ? "127.0.0.1" : "127.0.0.2"),
                "hotline.hazelcast.port=" + (isA ? gridPortA : gridPortB),
                "hotline.hazelcast.members=127.0.0.1:" + gridPortA + ",127.0.0.2:" + gridPortB,
                "hotline.replication.peer-site=" + (isA ? "b" : "a"),
                "hotline.replication.peer-jdbc-url=" + peer.jdbcUrl(),
                "hotline.replication.peer-username=" + peer.username(),
                "hotline.replication.peer-password=" + peer.password(),
                "hotline.replication.slot-check-interval=PT0.5S",
                "hotline.recordings.directory=target/test-recordings-" + site,
                "logging.level.hotline.app.replication=" + System.getProperty("hotline.test.replication-log", "INFO")));
        if (!isA) {
            properties.addAll(extraB);
        }
        // as command-line arguments: they win over application.yml (builder "properties" are only defaults)
        return new SpringApplicationBuilder(HotlineApplication.class)
                .profiles("demo", "test")
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    public ConfigurableApplicationContext a() {
        return a;
    }

    public ConfigurableApplicationContext b() {
        return b;
    }

    public void restartB() {
        b.close();
        b = start("b");
    }

    /** Site A's app goes away (its grid member too); its database stays, as after a crash of the app. */
    public void stopA() {
        a.close();
        a = null;
    }

    /** Site A's app starts again on its database, with the role that database records. */
    public void startA() {
        if (a != null) {
            throw new IllegalStateException("site A is running; stopA() first");
        }
        a = start("a");
    }

    /** A phone ticket accepted at {@code client}'s site; the phone number makes it unique. */
    public static ApiClient.Response acceptTicket(ApiClient client, String phone) {
        return client.post("/api/tickets", Map.of("channel", "PHONE", "category", "WATER_QUALITY",
                "title", "自来水发黄", "description", "家中自来水发黄已三天", "citizenPhone", phone,
                "address", "新华路" + phone.substring(7) + "号", "district", "江汉区", "street", "新华路"));
    }

    public static void awaitStreaming(ConfigurableApplicationContext site) {
        await("CDC streaming at " + site.getEnvironment().getProperty("hotline.site.id")).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> site.getBean(CdcEngine.class).state() == CdcState.STREAMING);
    }

    /** Waits until the consistency check, run at the site {@code ops} talks to, finds both sites equal. */
    public static void awaitEqual(ApiClient ops) {
        await("both sites equal").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ApiClient.Response report = ops.get("/api/ops/consistency?attempts=1");
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.json().get("equal").asBoolean()).as(report.body()).isTrue();
        });
    }

    public static long count(JdbcClient jdbc, String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    public ApiClient api(ConfigurableApplicationContext site, String user) {
        int port = ((WebServerApplicationContext) site).getWebServer().getPort();
        return new ApiClient("http://localhost:" + port, user, "demo", site.getBean(JsonMapper.class));
    }

    public static JdbcClient jdbc(TestDatabase database) {
        return JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }

    public JdbcClient jdbcA() {
        return jdbc(databaseA);
    }

    public JdbcClient jdbcB() {
        return jdbc(databaseB);
    }

    @Override
    public void close() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
