package hotline.failover.routing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Local mode's routing: the front door (port 8080 of the local stack) forwards every channel to one upstream, switched
 * through its loopback control API ({@code GET/PUT /frontdoor/upstream}). Sites map to upstream URLs from configuration
 * ({@code a → http://localhost:8081}). {@code routeTo} reads first and only writes when the upstream differs, so
 * repeating it changes nothing. Every call has a finite connect and request timeout.
 */
public final class FrontDoorRoutingSwitch implements RoutingSwitch {

    private final URI controlApi;
    private final Map<String, URI> upstreamBySite;
    private final Duration timeout;
    private final HttpClient http;

    public FrontDoorRoutingSwitch(URI controlBaseUrl, Map<String, URI> upstreamBySite, Duration timeout) {
        this.controlApi = controlBaseUrl.resolve("/frontdoor/upstream");
        this.upstreamBySite = Map.copyOf(upstreamBySite);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<String> currentSite() {
        URI upstream = normalised(URI.create(call(HttpRequest.newBuilder(controlApi).GET())));
        return upstreamBySite.entrySet().stream().filter(e -> normalised(e.getValue()).equals(upstream))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public void routeTo(String site) {
        URI target = upstreamBySite.get(site);
        if (target == null) {
            throw new IllegalArgumentException("no upstream configured for site " + site + " (sites: "
                    + upstreamBySite.keySet() + ")");
        }
        if (currentSite().equals(Optional.of(site))) {
            return;
        }
        JsonObject body = new JsonObject();
        body.addProperty("upstream", target.toString());
        call(HttpRequest.newBuilder(controlApi).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    @Override
    public String describe() {
        return "front door " + controlApi + " " + upstreamBySite;
    }

    /** Sends the request and returns the {@code upstream} the front door answers with. */
    private String call(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RoutingUnavailableException("front door " + controlApi + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingUnavailableException("interrupted while calling the front door " + controlApi, e);
        }
        if (response.statusCode() != 200) {
            throw new RoutingUnavailableException("front door " + controlApi + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().get("upstream").getAsString();
    }

    private static URI normalised(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
