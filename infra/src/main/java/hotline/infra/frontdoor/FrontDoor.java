package hotline.infra.frontdoor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stable entrance (port 8080) for agents and channels, forwarding to whichever site is active.
 *
 * <p>Each instance has its own Spring context (no shared configuration files: {@code spring.config.name}
 * points at a name nobody uses). The upstream is switched through a small control API on a separate
 * port bound to 127.0.0.1, so it can never be reached through the proxied port:
 * {@code GET /frontdoor/upstream} and {@code PUT /frontdoor/upstream} with {@code {"upstream":"http://localhost:8082"}}.
 */
public final class FrontDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Only loopback clients may add to X-Forwarded-*; everyone else's are replaced, not trusted. */
    static final String TRUSTED_PROXIES = "127\\.0\\.0\\.\\d+|0:0:0:0:0:0:0:1|::1";

    private final ConfigurableApplicationContext context;
    private final ActiveUpstream upstream;
    private final HttpServer management;

    private FrontDoor(ConfigurableApplicationContext context, ActiveUpstream upstream, HttpServer management) {
        this.context = context;
        this.upstream = upstream;
        this.management = management;
    }

    /** Front door on {@code port} (0 = any free port) with its control API on any free loopback port. */
    public static FrontDoor start(int port, URI upstream) {
        return start(port, 0, upstream);
    }

    public static FrontDoor start(int port, int managementPort, URI initialUpstream) {
        ActiveUpstream upstream = new ActiveUpstream(initialUpstream);
        SpringApplication application = new SpringApplication(FrontDoorApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setRegisterShutdownHook(false); // LocalStack stops components in its own order
        application.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("activeUpstream", upstream));
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=hotline-frontdoor",
                "--spring.application.name=frontdoor",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false",
                "--server.port=" + port,
                "--server.shutdown=immediate",
                // a dead site must fail fast (502), not hang the desk; slow reports still get a minute
                "--spring.http.clients.imperative.factory=http-components",
                "--spring.http.clients.connect-timeout=2s",
                "--spring.http.clients.read-timeout=60s",
                "--spring.cloud.gateway.server.webmvc.trusted-proxies=" + TRUSTED_PROXIES));
        String launcherLogging = System.getProperty("logback.configurationFile");
        if (launcherLogging != null) {
            args.add("--logging.config=classpath:" + launcherLogging);
        }
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        try {
            HttpServer management = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), managementPort), 8);
            FrontDoor frontDoor = new FrontDoor(context, upstream, management);
            management.createContext("/frontdoor/upstream", frontDoor::handleUpstream);
            management.start();
            log.info("Front door on port {} forwarding to {}; control API on 127.0.0.1:{}",
                    frontDoor.port(), upstream.current(), frontDoor.managementPort());
            return frontDoor;
        } catch (IOException | RuntimeException e) {
            context.close();
            throw new IllegalStateException("Could not open the front door's control port " + managementPort + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public int managementPort() {
        return management.getAddress().getPort();
    }

    public ActiveUpstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        management.stop(0);
        context.close();
    }

    private void handleUpstream(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, upstreamJson(null));
                case "PUT" -> {
                    URI target;
                    try {
                        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                        JsonNode value = body == null ? null : body.get("upstream");
                        if (value == null || !value.isString()) {
                            throw new IllegalArgumentException("Body must be {\"upstream\":\"http://host:port\"}");
                        }
                        target = URI.create(value.asString());
                        URI previous = upstream.switchTo(target);
                        respond(exchange, 200, upstreamJson(previous));
                    } catch (JacksonException | IllegalArgumentException e) {
                        ObjectNode problem = JSON.createObjectNode();
                        problem.put("type", "urn:hotline:frontdoor:invalid-upstream");
                        problem.put("status", 400);
                        problem.put("detail", e instanceof JacksonException je ? "Malformed JSON: " + je.getOriginalMessage() : e.getMessage());
                        respond(exchange, 400, problem);
                    }
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, PUT");
                    exchange.sendResponseHeaders(405, -1);
                }
            }
        }
    }

    private ObjectNode upstreamJson(URI previous) {
        ObjectNode json = JSON.createObjectNode();
        json.put("upstream", upstream.current().toString());
        if (previous != null) {
            json.put("previous", previous.toString());
        }
        return json;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
