package hotline.failover.site;

import com.sun.net.httpserver.HttpServer;
import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HttpSiteClient} against a loopback stand-in of the site app: parsing, auth, and how errors are classified. */
class HttpSiteClientIT {

    private HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();  // path -> {status, content type, body}
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String[] answer = answers.get(exchange.getRequestURI().getPath());
            if (answer != null && answer[0].equals("hang")) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ignored) {
                    // stopping
                }
                exchange.close();
                return;
            }
            if (answer == null) {
                answer = new String[]{"404", "text/plain", "not here"};
            }
            byte[] bytes = answer[2].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1]);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpSiteClient client(Duration timeout) {
        return new HttpSiteClient("b", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "ops", "demo",
                new SiteDatabase("b", "jdbc:postgresql://127.0.0.1:1/hotline", "postgres", "postgres", timeout), timeout);
    }

    private void answer(String path, int status, String contentType, String body) {
        answers.put(path, new String[]{Integer.toString(status), contentType, body});
    }

    @Test
    void readsTheSiteStatusAndReplicationWithBasicAuth() {
        answer("/api/site", 200, "application/json", "{\"site\":\"b\",\"role\":\"STANDBY\",\"epoch\":7,\"fenced\":false,"
                + "\"writable\":false,\"activeSite\":\"a\",\"protectedByPeer\":true,\"presentSites\":[\"a\",\"b\"]}");
        answer("/api/ops/replication", 200, "application/json", "{\"cdcState\":\"STREAMING\",\"lagSeconds\":0.25,"
                + "\"lastAppliedLsn\":4398046511104123,\"journalDepth\":3}");

        HttpSiteClient b = client(Duration.ofSeconds(2));

        assertThat(b.status()).isEqualTo(new SiteStatus("b", SiteRole.STANDBY, 7, false, false, "a"));
        ReplicationStatus replication = b.replication();
        assertThat(replication.cdcState()).isEqualTo(CdcState.STREAMING);
        assertThat(replication.lagSeconds()).isEqualTo(0.25);
        assertThat(replication.lastAppliedLsn()).as("an LSN above 2^52 keeps every digit").contains(4398046511104123L);
        assertThat(replication.journalDepth()).isEqualTo(3);
        assertThat(requests).allSatisfy(r -> assertThat(r).contains("Basic b3BzOmRlbW8="));
    }

    @Test
    void aReplicaWithoutAFreshViewOfItsLeadReplicaReportsUnknownWhichIsNeitherStreamingNorPromotable() {
        // what a replica that is not the lead answers once the lead's published view is too old (no lag is given)
        answer("/api/ops/replication", 200, "application/json", "{\"site\":\"b\",\"role\":\"STANDBY\",\"epoch\":7,"
                + "\"replica\":\"hotline-app-2\",\"leadReplica\":false,\"servedBy\":\"hotline-app-2\","
                + "\"viewFrom\":\"hotline-app-1\",\"viewAgeSeconds\":12.3,\"cdcState\":\"UNKNOWN\","
                + "\"cdcReason\":\"no lead replica of site b has reported for 12.3 s\",\"consistentPrefix\":false,"
                + "\"lastAppliedLsn\":8000,\"journalDepth\":0}");

        ReplicationStatus replication = client(Duration.ofSeconds(2)).replication();

        assertThat(replication.cdcState()).isEqualTo(CdcState.UNKNOWN);
        assertThat(replication.cdcState().promotable()).isFalse();
        assertThat(replication.lagSeconds()).isNaN();
        assertThat(replication.lastAppliedLsn()).contains(8000L);
    }

    @Test
    void sendsPromotionWithEpochAndReason() {
        answer("/api/ops/site/promote", 200, "application/json",
                "{\"site\":\"b\",\"role\":\"ACTIVE\",\"epoch\":8,\"fenced\":false,\"writable\":true,\"activeSite\":\"b\"}");

        SiteStatus promoted = client(Duration.ofSeconds(2)).promote(8, "switchover from site a");

        assertThat(promoted.isActiveAt(8)).isTrue();
        assertThat(requests).singleElement().asString().startsWith("POST /api/ops/site/promote Basic ")
                .endsWith("{\"epoch\":8,\"reason\":\"switchover from site a\"}");
    }

    @Test
    void aProblemAnswerIsARefusalWithItsTypeAndDetail() {
        answer("/api/ops/site/promote", 409, "application/problem+json", "{\"type\":\"https://hotline.example/problems/"
                + "conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"epoch 7 is not above 8\"}");

        assertThatThrownBy(() -> client(Duration.ofSeconds(2)).promote(7, "late"))
                .isInstanceOfSatisfying(SiteRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("https://hotline.example/problems/conflict");
                    assertThat(e.detail()).isEqualTo("epoch 7 is not above 8");
                })
                .hasMessage("site b refused POST /api/ops/site/promote (HTTP 409, https://hotline.example/problems/"
                        + "conflict): epoch 7 is not above 8");
    }

    @Test
    void wrongCredentialsAreARefusal() {
        answer("/api/site", 401, "text/plain", "");

        assertThatThrownBy(() -> client(Duration.ofSeconds(2)).status()).isInstanceOf(SiteRefusedException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void aServerErrorWithoutAProblemIsTransient() {
        answer("/api/site", 502, "text/html", "<html>Bad gateway</html>");

        assertThatThrownBy(() -> client(Duration.ofSeconds(2)).status()).isInstanceOf(SiteUnreachableException.class)
                .isNotInstanceOf(SiteRefusedException.class).hasMessageContaining("HTTP 502: <html>Bad gateway</html>");
    }

    @Test
    void aSiteThatDoesNotListenOrAnswerInTimeIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HttpSiteClient nowhere = new HttpSiteClient("a", URI.create("http://127.0.0.1:" + closed), "ops", "demo",
                new SiteDatabase("a", "jdbc:postgresql://127.0.0.1:" + closed + "/hotline", "postgres", "postgres",
                        Duration.ofSeconds(1)), Duration.ofSeconds(1));
        assertThatThrownBy(nowhere::status).isInstanceOf(SiteUnreachableException.class)
                .hasMessageContaining("did not answer GET /api/site: connection refused");
        assertThatThrownBy(nowhere::currentWalPosition).isInstanceOf(SiteUnreachableException.class)
                .hasMessageContaining("site a's database");

        answers.put("/api/ops/replication", new String[]{"hang", "", ""});
        long started = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofMillis(500)).replication()).isInstanceOf(SiteUnreachableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
