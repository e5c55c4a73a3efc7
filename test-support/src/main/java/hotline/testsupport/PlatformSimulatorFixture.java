package hotline.testsupport;

import hotline.infra.platform12345.PlatformSimulator;
import hotline.infra.platform12345.PlatformSimulatorConfig;
import java.net.URI;
import java.time.Duration;

/** The 12345 simulator on a free port, auto-dispatch off, quick retries: for the app's tests. */
public final class PlatformSimulatorFixture {

    private PlatformSimulatorFixture() {
    }

    /** Close it after the test ({@code try}-with-resources or {@code @AfterAll}). */
    public static PlatformSimulator start(URI hotlineBaseUrl) {
        return PlatformSimulator.start(config(hotlineBaseUrl));
    }

    public static PlatformSimulatorConfig config(URI hotlineBaseUrl) {
        return PlatformSimulatorConfig.defaults()
                .withPort(0)
                .withHotlineBaseUrl(hotlineBaseUrl)
                .withAutoDispatchInterval(Duration.ZERO)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
    }
}
