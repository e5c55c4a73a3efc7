package hotline.failover.controller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import hotline.failover.decision.PeerControllerReport;

/**
 * Asks the other site's controller what it sees ({@code GET /api/controller/peer-report?asking=SITE}): the failsafe
 * exchange that lets an ACTIVE site keep serving while the lease store is away, but only while the peer promises
 * not to take over. No answer in the timeout, or anything but the expected JSON, is {@link
 * PeerControllerReport#unreachable()}: an unconfirmed promise is no promise.
 */
public final class PeerControllerClient implements PeerController {

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    public PeerControllerClient(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public PeerControllerReport ask(String askingSite) {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/controller/peer-report?asking=" + askingSite))
                    .timeout(timeout).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return PeerControllerReport.unreachable();
            }
            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
            return new PeerControllerReport(true, body.get("seesYourSiteServing").getAsBoolean(),
                    body.get("tookOverOrWill").getAsBoolean());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PeerControllerReport.unreachable();
        } catch (Exception e) {
            return PeerControllerReport.unreachable();
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }
}
