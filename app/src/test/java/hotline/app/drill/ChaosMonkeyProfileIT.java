package hotline.app.drill;

import hotline.app.replication.ChangeApplier;
import hotline.app.support.ApiClient;
import hotline.app.support.HotlineIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the chaos-monkey profile, the drill runner can slow the replication apply path through the actuator:
 * the monkey starts disabled with every assault off; a latency assault armed over HTTP delays
 * {@code ChangeApplier.apply} (what every CDC batch and the journal replay go through) and nothing else.
 */
@ActiveProfiles("chaos-monkey")
class ChaosMonkeyProfileIT extends HotlineIT {

    private static final long ASSAULT_MILLIS = 700;

    @Autowired
    ChangeApplier applier;

    @Test
    void aLatencyAssaultArmedThroughTheActuatorSlowsTheApplyPath() {
        ApiClient ops = as("ops");
        assertThat(AopUtils.isAopProxy(applier)).as("ChangeApplier is watched (proxied)").isTrue();

        ApiClient.Response status = ops.get("/actuator/chaosmonkey/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("enabled").asBoolean()).as(status.body()).isFalse();
        ApiClient.Response assaults = ops.get("/actuator/chaosmonkey/assaults");
        assertThat(assaults.json().get("latencyActive").asBoolean()).isFalse();
        assertThat(assaults.json().get("watchedCustomServices").get(0).asString())
                .isEqualTo("hotline.app.replication.ChangeApplier.apply");
        assertThat(ops.get("/actuator/chaosmonkey/watchers").json().get("beans").get(0).asString()).isEqualTo("changeApplier");
        assertThat(actuatorPost("lead", "/enable", "{}").statusCode()).isEqualTo(403);
        assertThat(applyTime()).isLessThan(Duration.ofMillis(ASSAULT_MILLIS));

        HttpResponse<String> armed = actuatorPost("ops", "/assaults", "{\"level\":1,\"latencyActive\":true,"
                + "\"latencyRangeStart\":" + ASSAULT_MILLIS + ",\"latencyRangeEnd\":" + ASSAULT_MILLIS + "}");
        HttpResponse<String> enabled = actuatorPost("ops", "/enable", "{}");
        try {
            assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
            assertThat(armed.body()).contains("Assault config has changed");
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            assertThat(ops.get("/actuator/chaosmonkey/status").json().get("enabled").asBoolean()).isTrue();
            assertThat(ops.get("/actuator/chaosmonkey/assaults").json().get("latencyActive").asBoolean()).isTrue();

            assertThat(applyTime()).as("apply under a %d ms latency assault", ASSAULT_MILLIS)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(ASSAULT_MILLIS));
            // the rest of the app is not watched: an API read stays fast
            long start = System.nanoTime();
            assertThat(ops.get("/api/ops/drills/chain").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(ASSAULT_MILLIS));
        } finally {
            actuatorPost("ops", "/disable", "{}");
            actuatorPost("ops", "/assaults", "{\"latencyActive\":false}");
        }
        assertThat(applyTime()).isLessThan(Duration.ofMillis(ASSAULT_MILLIS));
    }

    /** The actuator answers plain sentences ("Assault config has changed") as JSON strings: read them raw. */
    private HttpResponse<String> actuatorPost(String user, String path, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/actuator/chaosmonkey" + path))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    (user + ":demo").getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An empty batch: opens the apply transaction, sets the replica session and commits. */
    private Duration applyTime() {
        long start = System.nanoTime();
        ChangeApplier.Applied applied = applier.apply(List.of(), null);
        assertThat(applied.rows()).isZero();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
