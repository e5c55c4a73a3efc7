package hotline.app.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the API as a given user (HTTP Basic), returning status and JSON. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;
    private final JsonMapper json;

    public ApiClient(String baseUrl, String username, String password, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.json = json;
    }

    public record Response(int status, String body, JsonNode json, String contentType, java.net.http.HttpHeaders headers) {
        public String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** GET asking for another representation, e.g. {@code text/html}. */
    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), accept);
    }

    public Response post(String path, Object body) {
        return postRaw(path, body instanceof String s ? s : json.writeValueAsString(body));
    }

    public Response postRaw(String path, String rawBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    /** POST with extra request headers (e.g. {@code Hotline-Epoch}). */
    public Response post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request);
    }

    /** Shorthand for a ticket action with the version the caller saw. */
    public Response act(String ticketId, String action, long version, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("version", version);
        return post("/api/tickets/" + ticketId + "/actions/" + action, body);
    }

    private Response send(HttpRequest.Builder request) {
        return send(request, "application/json, application/problem+json");
    }

    private Response send(HttpRequest.Builder request, String accept) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode node = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && body != null && !body.isEmpty()) {
                try {
                    node = json.readTree(body);
                } catch (tools.jackson.core.JacksonException e) {
                    node = null;  // the chaos-monkey actuator labels plain sentences as JSON; the body is still there
                }
            }
            return new Response(response.statusCode(), body, node, type, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
