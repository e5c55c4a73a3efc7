package hotline.app.ticket;

import hotline.app.support.ApiClient;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.HotlineIT;
import hotline.infra.platform12345.OrderCategory;
import hotline.infra.platform12345.OrderDraft;
import hotline.infra.platform12345.OrderStatus;
import hotline.infra.platform12345.PlatformOrder;
import hotline.infra.platform12345.PlatformSimulator;
import hotline.infra.platform12345.SubmissionKind;
import hotline.testsupport.PlatformSimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A work order's whole life, from the 12345 platform's dispatch to close, through the HTTP API, with the
 * real 12345 simulator receiving the sign, the return and extension applications, and the result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TicketLifecycleIT extends HotlineIT {

    private static final int APP_PORT = freePort();
    private static final PlatformSimulator PLATFORM =
            PlatformSimulatorFixture.start(URI.create("http://localhost:" + APP_PORT));

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> APP_PORT);
        registry.add("hotline.platform12345.base-url", () -> PLATFORM.baseUrl().toString());
        registry.add("hotline.platform12345.outbound-token", () -> "demo-hotline-token");
        registry.add("hotline.platform12345.delivery-interval", () -> "PT0.2S");
        registry.add("hotline.platform12345.retry-min", () -> "PT0.2S");
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.close();
    }

    @Test
    void aDispatchedOrderLivesFromDispatchToCloseAndThePlatformReceivesEverySubmission() {
        PlatformOrder order = PLATFORM.dispatchNewOrder(new OrderDraft("自来水发黄", "新华路小区自来水发黄三天，请处理",
                OrderCategory.WATER_QUALITY, "张先生", "13912345678", "新华路88号", "江汉区", "新华路", null));
        await("the platform's dispatch accepted by the hotline").atMost(Duration.ofSeconds(20))
                .until(() -> PLATFORM.order(order.orderId()).orElseThrow().status() == OrderStatus.DISPATCHED);
        String number = order.ticketNumber();
        Response toSign = agent.get("/api/tickets?view=to-sign");
        assertThat(toSign.body()).contains(number);
        Response t = agent.get("/api/tickets/" + number);
        String id = t.text("id");
        assertThat(t.text("state")).isEqualTo("PENDING_SIGN");
        assertThat(t.text("channel")).isEqualTo("PLATFORM_12345");
        assertThat(t.text("platformOrderId")).isEqualTo(order.orderId());

        long v = 0;
        v = ok(agent.act(id, "sign", v, Map.of()), "ACCEPTED");
        awaitSubmission(order, SubmissionKind.SIGN);
        v = ok(agent.act(id, "screen", v, Map.of("category", "WATER_QUALITY", "priority", "HIGH")), "SCREENED");
        v = ok(agent.act(id, "assign", v, Map.of("departmentId", "supply")), "ASSIGNED");
        v = ok(lead.act(id, "urge", v, Map.of("note", "请尽快处理")), "ASSIGNED");

        ApiClient supply = as("supply");
        v = ok(supply.act(id, "request-extension", v, Map.of("note", "需更换入户管", "extensionWorkingDays", 2)),
                "EXTENSION_REQUESTED");
        v = ok(lead.act(id, "approve-request", v, Map.of("note", "同意延期")), "ASSIGNED");
        awaitSubmission(order, SubmissionKind.EXTENSION_APPLICATION);

        v = ok(supply.act(id, "department-reply", v, Map.of("reply", "已上门检测，水质合格")), "AWAITING_REVIEW");
        v = ok(lead.act(id, "send-back", v, Map.of("note", "未说明发黄原因")), "ASSIGNED");
        v = ok(supply.act(id, "department-reply", v, Map.of("reply", "管网冲洗导致，已更换入户管，水质合格")), "AWAITING_REVIEW");
        v = ok(lead.act(id, "accept-reply", v, Map.of()), "REVIEWED");
        v = ok(agent.act(id, "reply-to-citizen", v, Map.of("reply", "已更换入户管，水质检测合格")), "CITIZEN_REPLIED");
        awaitSubmission(order, SubmissionKind.RESULT);
        v = ok(agent.act(id, "record-callback", v, Map.of("reached", true, "satisfaction", "SATISFIED")), "CALLED_BACK");
        ok(agent.act(id, "close", v, Map.of()), "CLOSED");

        Response closed = lead.get("/api/tickets/" + id);
        assertThat(closed.json().get("handlingRound").asInt()).isEqualTo(2);
        List<String> actions = closed.json().get("history").valueStream().map(h -> h.get("action").asString()).toList();
        assertThat(actions).containsExactly("CREATED", "SIGN", "SCREEN", "ASSIGN", "URGE", "REQUEST_EXTENSION",
                "APPROVE_REQUEST", "DEPARTMENT_REPLY", "SEND_BACK", "DEPARTMENT_REPLY", "ACCEPT_REPLY",
                "REPLY_TO_CITIZEN", "RECORD_CALLBACK", "CLOSE");
        closed.json().get("history").valueStream().forEach(h -> assertThat(h.get("site").asString()).isEqualTo("a"));
        var result = PLATFORM.order(order.orderId()).orElseThrow().submissions().stream()
                .filter(s -> s.kind() == SubmissionKind.RESULT).findFirst().orElseThrow();
        assertThat(result.body().get("resultText").asString()).contains("入户管");
        assertThat(result.body().get("ticketNumber").asString()).isEqualTo(number);
    }

    @Test
    void anApprovedReturnIsSubmittedToThePlatformAndTheTicketCanBeReassigned() {
        PlatformOrder order = PLATFORM.dispatchNewOrder(OrderDraft.ofCategory(OrderCategory.SEWAGE_OVERFLOW));
        await("dispatch accepted").atMost(Duration.ofSeconds(20))
                .until(() -> PLATFORM.order(order.orderId()).orElseThrow().status() == OrderStatus.DISPATCHED);
        String id = agent.get("/api/tickets/" + order.ticketNumber()).text("id");
        long v = ok(agent.act(id, "sign", 0, Map.of()), "ACCEPTED");
        v = ok(agent.act(id, "screen", v, Map.of("category", "SEWAGE_OVERFLOW")), "SCREENED");
        v = ok(agent.act(id, "assign", v, Map.of("departmentId", "supply")), "ASSIGNED");
        v = ok(as("supply").act(id, "request-return", v, Map.of("note", "属排水设施，非供水")), "RETURN_REQUESTED");
        v = ok(lead.act(id, "approve-request", v, Map.of()), "SCREENED");
        awaitSubmission(order, SubmissionKind.RETURN_APPLICATION);
        ok(agent.act(id, "assign", v, Map.of("departmentId", "drainage")), "ASSIGNED");
    }

    @Test
    void aRedeliveredDispatchCreatesNoSecondTicket() {
        ApiClient platform = as("platform12345", "demo-platform-secret");
        Map<String, Object> order = Map.of("orderId", "WH12345-TEST-REDELIVERY", "title", "水压低",
                "content", "六楼水压低", "category", "LOW_PRESSURE", "citizenPhone", "13700000000");
        Response first = platform.post("/api/platform12345/orders", order);
        Response again = platform.post("/api/platform12345/orders", order);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("ticketId")).isEqualTo(first.text("ticketId"));
        Response bad = platform.post("/api/platform12345/orders", Map.of("orderId", "x y", "title", "t"));
        assertThat(bad.status()).isEqualTo(400);
    }

    private long ok(Response r, String expectedState) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("state")).isEqualTo(expectedState);
        return r.json().get("version").asLong();
    }

    private static void awaitSubmission(PlatformOrder order, SubmissionKind kind) {
        await(kind + " delivered to the 12345 platform").atMost(Duration.ofSeconds(20))
                .until(() -> PLATFORM.order(order.orderId()).orElseThrow().submissions().stream()
                        .anyMatch(s -> s.kind() == kind));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
