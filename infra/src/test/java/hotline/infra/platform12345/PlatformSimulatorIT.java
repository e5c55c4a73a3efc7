package hotline.infra.platform12345;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlatformSimulatorIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final List<String> receivedAuthorizations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> receivedOrders = new CopyOnWriteArrayList<>();
    private HttpServer fakeHotline;
    private PlatformSimulator simulator;

    @BeforeEach
    void startFakeHotlineAndSimulator() throws IOException {
        fakeHotline = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        fakeHotline.createContext("/api/platform12345/orders", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (refusalsLeft.getAndDecrement() > 0) {
                    exchange.sendResponseHeaders(503, -1); // site switching
                    return;
                }
                receivedAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                JsonNode order = PlatformSimulator.JSON.readTree(body);
                receivedOrders.add(order);
                byte[] answer = ("{\"ticketId\":\"" + UUID.randomUUID() + "\",\"ticketNumber\":\"GD-"
                        + order.get("orderId").asString() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        fakeHotline.start();
        simulator = PlatformSimulator.start(PlatformSimulatorConfig.defaults()
                .withPort(0)
                .withHotlineBaseUrl(URI.create("http://127.0.0.1:" + fakeHotline.getAddress().getPort()))
                .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        simulator.close();
        fakeHotline.stop(0);
    }

    @Test
    void retriesDispatchAfterRefusalsUntilTheHotlineAcceptsTheOrder() {
        refusalsLeft.set(3);
        PlatformOrder order = simulator.dispatchNewOrder(OrderDraft.ofCategory(OrderCategory.WATER_QUALITY));

        await("order dispatched after refusals").atMost(Duration.ofSeconds(10))
                .until(() -> order.status() == OrderStatus.DISPATCHED);
        assertThat(order.dispatchAttempts()).isEqualTo(4);
        assertThat(order.ticketNumber()).isEqualTo("GD-" + order.orderId());
        assertThat(receivedOrders).hasSize(1);
        JsonNode sent = receivedOrders.get(0);
        assertThat(sent.get("orderId").asString()).matches("WH12345-\\d{8}-\\d{6}");
        assertThat(sent.get("category").asString()).isEqualTo("WATER_QUALITY");
        for (String field : List.of("dispatchedAt", "dueAt", "title", "content", "citizenName", "citizenPhone",
                "address", "district", "street")) {
            assertThat(sent.get(field).asString()).as(field).isNotBlank();
        }
        assertThat(receivedAuthorizations).containsExactly("Basic "
                + java.util.Base64.getEncoder().encodeToString("platform12345:demo-platform-secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsRetryingWhileTheHotlineIsUnreachable() throws IOException {
        int port = fakeHotline.getAddress().getPort();
        fakeHotline.stop(0);
        PlatformOrder order = simulator.dispatchNewOrder(OrderDraft.empty());
        await("several refused attempts").atMost(Duration.ofSeconds(10)).until(() -> order.dispatchAttempts() >= 3);
        assertThat(order.status()).isEqualTo(OrderStatus.DISPATCHING);

        HttpServer revived = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        revived.createContext("/", exchange -> {
            try (exchange) {
                byte[] answer = "{\"ticketId\":\"t1\",\"ticketNumber\":\"GD-1\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length); // 200: the hotline already had it
                exchange.getResponseBody().write(answer);
            }
        });
        revived.start();
        try {
            await("order dispatched once the hotline is back").atMost(Duration.ofSeconds(10))
                    .until(() -> order.status() == OrderStatus.DISPATCHED);
            assertThat(order.ticketNumber()).isEqualTo("GD-1");
        } finally {
            revived.stop(0);
        }
    }

    @Test
    void acceptsEachSubmissionKindAndMovesTheOrderAlong() throws Exception {
        PlatformOrder order = dispatchedOrder();
        String base = "/api/orders/" + order.orderId();

        assertThat(submit(base + "/sign", UUID.randomUUID().toString(),
                "{\"ticketNumber\":\"T1\",\"signedBy\":\"agent1\",\"signedAt\":\"2026-11-29T02:00:00Z\"}").statusCode()).isEqualTo(200);
        assertThat(order.status()).isEqualTo(OrderStatus.SIGNED);
        assertThat(submit(base + "/extension-applications", UUID.randomUUID().toString(),
                "{\"ticketNumber\":\"T1\",\"reason\":\"需协调施工\",\"requestedWorkingDays\":3,\"appliedAt\":\"2026-11-29T03:00:00Z\"}").statusCode()).isEqualTo(200);
        assertThat(order.status()).isEqualTo(OrderStatus.EXTENSION_APPLIED);
        assertThat(submit(base + "/return-applications", UUID.randomUUID().toString(),
                "{\"ticketNumber\":\"T1\",\"reason\":\"非供水职责\",\"appliedAt\":\"2026-11-29T04:00:00+08:00\"}").statusCode()).isEqualTo(200);
        assertThat(order.status()).isEqualTo(OrderStatus.RETURN_APPLIED);
        HttpResponse<String> result = submit(base + "/result", UUID.randomUUID().toString(),
                "{\"ticketNumber\":\"T1\",\"resultText\":\"已恢复供水\",\"handlingDepartment\":\"供水管网部\",\"repliedAt\":\"2026-11-29T05:00:00Z\"}");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("\"accepted\":true");
        assertThat(order.status()).isEqualTo(OrderStatus.RESULT_RECEIVED);
        assertThat(order.submissions()).extracting(Submission::kind).containsExactly(SubmissionKind.SIGN,
                SubmissionKind.EXTENSION_APPLICATION, SubmissionKind.RETURN_APPLICATION, SubmissionKind.RESULT);

        HttpResponse<String> view = get("/api/orders/" + order.orderId());
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("RESULT_RECEIVED", "已恢复供水");
        assertThat(get("/api/orders").body()).contains(order.orderId());
        assertThat(get("/").body()).contains(order.orderId(), "RESULT_RECEIVED");
    }

    @Test
    void acceptsADuplicateIdempotencyKeyOnceAndAnswers200Again() throws Exception {
        PlatformOrder order = dispatchedOrder();
        String key = UUID.randomUUID().toString();
        String body = "{\"ticketNumber\":\"T1\",\"signedBy\":\"agent1\",\"signedAt\":\"2026-11-29T02:00:00Z\"}";

        assertThat(submit("/api/orders/" + order.orderId() + "/sign", key, body).statusCode()).isEqualTo(200);
        assertThat(submit("/api/orders/" + order.orderId() + "/sign", key, body).statusCode()).isEqualTo(200);

        assertThat(order.submissions()).hasSize(1);
    }

    @Test
    void rejectsSubmissionsWithoutTheHotlineToken() throws Exception {
        PlatformOrder order = dispatchedOrder();
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(url("/api/orders/" + order.orderId() + "/sign"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(url("/api/orders/" + order.orderId() + "/sign"))
                .header("Authorization", "Bearer guessed").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(order.submissions()).isEmpty();
    }

    @Test
    void answers404ForAnUnknownOrder() throws Exception {
        HttpResponse<String> response = submit("/api/orders/WH12345-20000101-999999/sign", UUID.randomUUID().toString(),
                "{\"ticketNumber\":\"T1\",\"signedBy\":\"agent1\",\"signedAt\":\"2026-11-29T02:00:00Z\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:hotline:platform12345:unknown-order");
        assertThat(get("/api/orders/WH12345-20000101-999999").statusCode()).isEqualTo(404);
    }

    @Test
    void answers400ForMalformedJsonOrMissingFields() throws Exception {
        PlatformOrder order = dispatchedOrder();
        HttpResponse<String> malformed = submit("/api/orders/" + order.orderId() + "/result", UUID.randomUUID().toString(), "{\"ticketNumber\":");
        HttpResponse<String> incomplete = submit("/api/orders/" + order.orderId() + "/extension-applications",
                UUID.randomUUID().toString(), "{\"ticketNumber\":\"T1\",\"requestedWorkingDays\":0}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed-json");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("reason is required", "requestedWorkingDays", "appliedAt");
        assertThat(order.submissions()).isEmpty();
    }

    @Test
    void dispatchesAnOrderCreatedThroughTheControlApiWithTheGivenFields() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(url("/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"PIPE_BURST\",\"district\":\"江汉区\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badCategory = http.send(HttpRequest.newBuilder(url("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"FIRE\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(badCategory.statusCode()).isEqualTo(400);
        assertThat(badCategory.body()).contains("Unknown category 'FIRE'");
        await("control-API order reaches the hotline").atMost(Duration.ofSeconds(10)).until(() -> receivedOrders.size() == 1);
        assertThat(receivedOrders.get(0).get("category").asString()).isEqualTo("PIPE_BURST");
        assertThat(receivedOrders.get(0).get("district").asString()).isEqualTo("江汉区");
    }

    private PlatformOrder dispatchedOrder() {
        PlatformOrder order = simulator.dispatchNewOrder(OrderDraft.empty());
        await("order dispatched").atMost(Duration.ofSeconds(10)).until(() -> order.status() == OrderStatus.DISPATCHED);
        return order;
    }

    private HttpResponse<String> submit(String path, String idempotencyKey, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path))
                .header("Authorization", "Bearer demo-hotline-token")
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + simulator.port() + path);
    }
}
