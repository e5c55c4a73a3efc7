package hotline.infra.platform12345;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The city's 12345 citizen-hotline platform, simulated: dispatches work orders to the water hotline
 * (retrying with bounded back-off until the hotline accepts, so an order survives the hotline being
 * down or switching sites) and receives the hotline's sign / result / return / extension submissions.
 *
 * <p>State is in memory: a restarted simulator starts with no orders.
 */
public final class PlatformSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final PlatformSimulatorConfig config;
    private final HttpServer server;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient client;
    private final Clock clock;
    private final DemoOrders demoOrders;
    private final Map<String, PlatformOrder> orders = new ConcurrentHashMap<>();
    private final List<String> orderIdsInDispatchOrder = new ArrayList<>();
    private final Map<String, String> seenIdempotencyKeys = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private PlatformSimulator(PlatformSimulatorConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.demoOrders = new DemoOrders(new Random());
        this.server = HttpServer.create(new InetSocketAddress(config.port()), 64);
        this.httpExecutor = Executors.newFixedThreadPool(4, daemonThreads("platform12345-http"));
        this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("platform12345-dispatch"));
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        server.createContext("/", this::handle);
        server.setExecutor(httpExecutor);
    }

    /** Starts the simulator; {@code config.port() == 0} picks a free port (see {@link #port()}). */
    public static PlatformSimulator start(PlatformSimulatorConfig config) {
        try {
            PlatformSimulator simulator = new PlatformSimulator(config, Clock.systemUTC());
            simulator.server.start();
            if (!config.autoDispatchInterval().isZero()) {
                long millis = config.autoDispatchInterval().toMillis();
                simulator.scheduler.scheduleAtFixedRate(() -> simulator.dispatchNewOrder(OrderDraft.empty()),
                        millis, millis, TimeUnit.MILLISECONDS);
            }
            log.info("12345 platform simulator on port {}, dispatching to {} (auto-dispatch {})", simulator.port(),
                    config.hotlineBaseUrl(), config.autoDispatchInterval().isZero() ? "off" : "every " + config.autoDispatchInterval());
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the 12345 simulator on port " + config.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        PlatformSimulatorConfig config;
        try {
            config = PlatformSimulatorConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PlatformSimulator simulator = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "platform12345-shutdown"));
        System.out.println("12345 platform simulator: http://localhost:" + simulator.port() + "/  (Ctrl-C to stop)");
        stopped.await();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    public PlatformSimulatorConfig config() {
        return config;
    }

    /** Creates an order and dispatches it to the hotline in the background, retrying until accepted. */
    public PlatformOrder dispatchNewOrder(OrderDraft draft) {
        Instant now = clock.instant();
        PlatformOrder order = demoOrders.complete(draft, demoOrders.nextOrderId(now), now);
        synchronized (orderIdsInDispatchOrder) {
            orders.put(order.orderId(), order);
            orderIdsInDispatchOrder.add(order.orderId());
        }
        log.info("Order {} ({}, {}) created; dispatching to the hotline", order.orderId(), order.category(), order.district());
        scheduleDispatch(order, Duration.ZERO);
        return order;
    }

    public List<PlatformOrder> orders() {
        synchronized (orderIdsInDispatchOrder) {
            return orderIdsInDispatchOrder.stream().map(orders::get).toList();
        }
    }

    public Optional<PlatformOrder> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        server.stop(0);
        httpExecutor.shutdownNow();
        long waiting = orders.values().stream().filter(o -> o.status() == OrderStatus.DISPATCHING).count();
        log.info("12345 platform simulator stopped ({} orders, {} still waiting for the hotline)", orders.size(), waiting);
    }

    // ---- dispatch ------------------------------------------------------------------------------

    private void scheduleDispatch(PlatformOrder order, Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> attemptDispatch(order), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the order stays DISPATCHING in the status view
        }
    }

    private void attemptDispatch(PlatformOrder order) {
        URI target = config.hotlineBaseUrl().resolve("/api/platform12345/orders");
        String problem;
        try {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", basicAuth())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(order.dispatchPayload())))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200 || status == 201) {
                JsonNode body = JSON.readTree(response.body());
                order.recordDispatchAttempt(null);
                order.markDispatched(body.path("ticketId").asString(null), body.path("ticketNumber").asString(null));
                log.info("Order {} accepted by the hotline (HTTP {}, attempt {}) as ticket {}", order.orderId(), status,
                        order.dispatchAttempts(), order.ticketNumber());
                return;
            }
            problem = "HTTP " + status;
        } catch (IOException | JacksonException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        order.recordDispatchAttempt(problem);
        Duration delay = backOff(order.dispatchAttempts());
        log.warn("Order {} not accepted by the hotline ({}); retry {} in {} ms", order.orderId(), problem,
                order.dispatchAttempts() + 1, delay.toMillis());
        scheduleDispatch(order, delay);
    }

    private Duration backOff(int failedAttempts) {
        long initial = config.retryInitialDelay().toMillis();
        long max = config.retryMaxDelay().toMillis();
        long delay = initial << Math.min(failedAttempts - 1, 20);
        return Duration.ofMillis(Math.min(delay, max));
    }

    private String basicAuth() {
        String credentials = config.dispatchUsername() + ":" + config.dispatchPassword();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            List<String> segments = segments(path);
            if (segments.isEmpty() && "GET".equals(method)) {
                respond(exchange, 200, "text/html; charset=utf-8", StatusPage.render(this));
            } else if (segments.size() == 2 && segments.get(0).equals("api") && segments.get(1).equals("orders")) {
                switch (method) {
                    case "GET" -> respondJson(exchange, 200, ordersJson());
                    case "POST" -> createOrder(exchange);
                    default -> problem(exchange, 405, "method-not-allowed", "Use GET or POST on " + path);
                }
            } else if (segments.size() == 3 && segments.get(0).equals("api") && segments.get(1).equals("orders")) {
                if (!"GET".equals(method)) {
                    problem(exchange, 405, "method-not-allowed", "Use GET on " + path);
                    return;
                }
                Optional<PlatformOrder> order = order(segments.get(2));
                if (order.isPresent()) {
                    respondJson(exchange, 200, order.get().toJson());
                } else {
                    problem(exchange, 404, "unknown-order", "No order " + segments.get(2));
                }
            } else if (segments.size() == 4 && segments.get(0).equals("api") && segments.get(1).equals("orders")
                    && SubmissionKind.fromPathSegment(segments.get(3)).isPresent()) {
                if (!"POST".equals(method)) {
                    problem(exchange, 405, "method-not-allowed", "Use POST on " + path);
                    return;
                }
                receiveSubmission(exchange, segments.get(2), SubmissionKind.fromPathSegment(segments.get(3)).get());
            } else {
                problem(exchange, 404, "not-found", "Nothing at " + method + " " + path);
            }
        } catch (RuntimeException e) {
            log.error("12345 simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            problem(exchange, 500, "internal-error", "The simulator failed: " + e.getClass().getSimpleName());
        }
    }

    private void createOrder(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        OrderDraft draft = OrderDraft.empty();
        if (body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            try {
                draft = draftFrom(JSON.readTree(body));
            } catch (JacksonException e) {
                problem(exchange, 400, "malformed-json", "Body is not valid JSON: " + e.getOriginalMessage());
                return;
            } catch (IllegalArgumentException e) {
                problem(exchange, 400, "invalid-order", e.getMessage());
                return;
            }
        }
        respondJson(exchange, 201, dispatchNewOrder(draft).toJson());
    }

    private static OrderDraft draftFrom(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("Body must be a JSON object");
        }
        OrderCategory category = null;
        String categoryText = text(json, "category");
        if (categoryText != null) {
            try {
                category = OrderCategory.valueOf(categoryText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown category '" + categoryText + "'; one of "
                        + java.util.Arrays.toString(OrderCategory.values()));
            }
        }
        Instant dueAt = null;
        if (text(json, "dueAt") != null) {
            dueAt = parseInstant(text(json, "dueAt"))
                    .orElseThrow(() -> new IllegalArgumentException("dueAt must be an ISO-8601 instant"));
        }
        return new OrderDraft(text(json, "title"), text(json, "content"), category, text(json, "citizenName"),
                text(json, "citizenPhone"), text(json, "address"), text(json, "district"), text(json, "street"), dueAt);
    }

    private void receiveSubmission(HttpExchange exchange, String orderId, SubmissionKind kind) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + config.hotlineToken()).equals(authorization)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"platform12345\"");
            problem(exchange, 401, "unauthorized", "A valid 'Authorization: Bearer <token>' header is required");
            return;
        }
        PlatformOrder order = orders.get(orderId);
        if (order == null) {
            problem(exchange, 404, "unknown-order", "No order " + orderId);
            return;
        }
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            problem(exchange, 400, "missing-idempotency-key", "Header Idempotency-Key is required");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(readBody(exchange));
        } catch (JacksonException e) {
            problem(exchange, 400, "malformed-json", "Body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        List<String> violations = validate(kind, body);
        if (!violations.isEmpty()) {
            problem(exchange, 400, "invalid-submission", String.join("; ", violations));
            return;
        }
        String previous = seenIdempotencyKeys.putIfAbsent(idempotencyKey, orderId + "/" + kind.pathSegment());
        if (previous == null) {
            order.accept(new Submission(kind, idempotencyKey, clock.instant(), body));
            log.info("Order {}: {} received from the hotline", orderId, kind.pathSegment());
        } else {
            log.info("Order {}: duplicate {} (Idempotency-Key already seen), answered again", orderId, kind.pathSegment());
        }
        ObjectNode accepted = JSON.createObjectNode();
        accepted.put("accepted", true);
        respondJson(exchange, 200, accepted);
    }

    private static List<String> validate(SubmissionKind kind, JsonNode body) {
        List<String> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add("body must be a JSON object");
            return violations;
        }
        for (String field : kind.requiredText()) {
            if (text(body, field) == null || text(body, field).isBlank()) {
                violations.add(field + " is required");
            }
        }
        String timestamp = text(body, kind.timestampField());
        if (timestamp == null || parseInstant(timestamp).isEmpty()) {
            violations.add(kind.timestampField() + " must be an ISO-8601 instant");
        }
        if (kind == SubmissionKind.EXTENSION_APPLICATION) {
            JsonNode days = body.get("requestedWorkingDays");
            if (days == null || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 30) {
                violations.add("requestedWorkingDays must be a whole number from 1 to 30");
            }
        }
        return violations;
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private ArrayNode ordersJson() {
        ArrayNode list = JSON.createArrayNode();
        orders().forEach(o -> list.add(o.toJson()));
        return list;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(1 << 20);
        }
    }

    private static void respondJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    /** RFC 9457 problem details with a stable type per kind of error. */
    private static void problem(HttpExchange exchange, int status, String type, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:hotline:platform12345:" + type);
        problem.put("title", type.replace('-', ' '));
        problem.put("status", status);
        problem.put("detail", detail);
        respond(exchange, status, "application/problem+json", JSON.writeValueAsString(problem));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
