package hotline.failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The drill's readiness checks of the standby's CDC and of the lease authority, failing and passing. */
class ReadinessChecksTest {

    private static JsonObject view(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void aStreamingStandbyWithinFiveSecondsIsReady() {
        assertThat(DrillRunner.standbyStreaming(view("{\"cdcState\":\"STREAMING\",\"lagSeconds\":0.42}"), "b"))
                .containsExactly("ok", "site b CDC STREAMING, lag 0.42 s");
    }

    @Test
    void aStandbyTooFarBehindIsNotReady() {
        assertThat(DrillRunner.standbyStreaming(view("{\"cdcState\":\"STREAMING\",\"lagSeconds\":7.5}"), "b"))
                .containsExactly("failed", "site b CDC STREAMING, lag 7.50 s (must be STREAMING and at most 5 s)");
    }

    @Test
    void aResyncingStandbyOrOneWithoutAKnownLagIsNotReady() {
        assertThat(DrillRunner.standbyStreaming(view("{\"cdcState\":\"RESYNCING\",\"lagSeconds\":0.1}"), "a")[0])
                .isEqualTo("failed");
        assertThat(DrillRunner.standbyStreaming(view("{\"cdcState\":\"STREAMING\"}"), "a"))
                .containsExactly("failed", "site a CDC STREAMING, lag unknown (must be STREAMING and at most 5 s)");
    }

    @Test
    void theLeaseAuthorityIsReachableWhenItNamesTheActiveSite() {
        String status = "Hotline HA topology at now\\n".replace("\\n", "\n")
                + "lease:     site a at epoch 4, renewed 2026-12-05T22:00:00Z, expires in 2.7 s\n";
        assertThat(DrillRunner.leaseAuthority(status, "a"))
                .containsExactly("ok", "lease:     site a at epoch 4, renewed 2026-12-05T22:00:00Z, expires in 2.7 s");
    }

    @Test
    void anUnreachableLeaseStoreOrALeaseOfTheOtherSiteFailsTheCheck() {
        assertThat(DrillRunner.leaseAuthority("lease:     UNREACHABLE: connection refused\n", "a"))
                .containsExactly("failed", "lease:     UNREACHABLE: connection refused");
        assertThat(DrillRunner.leaseAuthority("lease:     site b at epoch 5, renewed x, expires in 1 s\n", "a")[0])
                .isEqualTo("failed");
        assertThat(DrillRunner.leaseAuthority("lease:     site a at epoch 5, renewed x\n", null)[0])
                .as("no active site").isEqualTo("failed");
    }
}
