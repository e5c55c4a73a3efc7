package hotline.infra.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrontDoorIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> lastRequestAtA = new ConcurrentHashMap<>();
    private HttpServer siteA;
    private HttpServer siteB;
    private FrontDoor frontDoor;

    @BeforeEach
    void start() throws IOException {
        siteA = fakeSite("site-a", lastRequestAtA);
        siteB = fakeSite("site-b", new ConcurrentHashMap<>());
        frontDoor = FrontDoor.start(0, URI.create("http://localhost:" + siteA.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        frontDoor.close();
        siteA.stop(0);
        siteB.stop(0);
    }

    @Test
    void forwardsGetWithQueryStringCookiesAndTheFrontDoorsHost() throws Exception {
        HttpResponse<String> response = http.send(request("/api/tickets?status=OPEN&district=%E6%B1%9F%E6%B1%89")
                .header("Cookie", "SESSION=abc123").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("site-a");
        assertThat(lastRequestAtA).containsEntry("method", "GET")
                .containsEntry("path", "/api/tickets")
                .containsEntry("query", "status=OPEN&district=%E6%B1%9F%E6%B1%89")
                .containsEntry("cookie", "SESSION=abc123")
                .containsEntry("host", "localhost:" + frontDoor.port());
        assertThat(lastRequestAtA.get("x-forwarded-host")).contains("localhost:" + frontDoor.port());
        assertThat(lastRequestAtA.get("x-forwarded-proto")).isEqualTo("http");
    }

    @Test
    void forwardsPostBodiesIncludingLoginForms() throws Exception {
        HttpResponse<String> json = http.send(request("/api/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"停水\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(lastRequestAtA).containsEntry("method", "POST").containsEntry("body", "{\"title\":\"停水\"}");

        HttpResponse<String> form = http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=agent1&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lastRequestAtA.get("body")).contains("username=agent1").contains("password=demo");
        assertThat(form.statusCode()).isEqualTo(302);
    }

    @Test
    void passesRedirectsAndCookiesBackNamingTheFrontDoor() throws Exception {
        HttpResponse<String> response = http.send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("http://localhost:" + frontDoor.port() + "/desk");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValue("SESSION=s1; Path=/; HttpOnly");
    }

    @Test
    void switchingTheUpstreamTakesEffectForTheNextRequest() throws Exception {
        assertThat(http.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("site-a");

        HttpResponse<String> switched = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + frontDoor.managementPort() + "/frontdoor/upstream"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"upstream\":\"http://localhost:" + siteB.getAddress().getPort() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(switched.body()).contains("\"upstream\":\"http://localhost:" + siteB.getAddress().getPort() + "\"");
        assertThat(http.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("site-b");
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + frontDoor.managementPort() + "/frontdoor/upstream")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(current.body()).contains(String.valueOf(siteB.getAddress().getPort()));
    }

    @Test
    void rejectsAnInvalidUpstreamWithAClearError() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + frontDoor.managementPort() + "/frontdoor/upstream"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"upstream\":\"localhost:8082\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("absolute http(s) URL");
        assertThat(frontDoor.upstream().current().getPort()).isEqualTo(siteA.getAddress().getPort());
    }

    @Test
    void answersBadGatewayQuicklyWhenTheSiteIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        frontDoor.upstream().switchTo(URI.create("http://localhost:" + closedPort));

        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request("/api/tickets").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isIn(502, 503);
        assertThat(response.body()).contains("site-unreachable");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + frontDoor.port() + pathAndQuery));
    }

    private static HttpServer fakeSite(String name, Map<String, String> lastRequest) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                record(exchange, lastRequest);
                if (exchange.getRequestURI().getPath().equals("/login")) {
                    // like Spring Security behind server.forward-headers-strategy: redirect built from the Host
                    String host = exchange.getRequestHeaders().getFirst("Host");
                    exchange.getResponseHeaders().set("Location", "http://" + host + "/desk");
                    exchange.getResponseHeaders().set("Set-Cookie", "SESSION=s1; Path=/; HttpOnly");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static void record(HttpExchange exchange, Map<String, String> lastRequest) throws IOException {
        lastRequest.clear();
        lastRequest.put("method", exchange.getRequestMethod());
        lastRequest.put("path", exchange.getRequestURI().getRawPath());
        if (exchange.getRequestURI().getRawQuery() != null) {
            lastRequest.put("query", exchange.getRequestURI().getRawQuery());
        }
        lastRequest.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        for (String header : new String[] {"Host", "Cookie", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-For"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                lastRequest.put(header.toLowerCase(), value);
            }
        }
    }
}
