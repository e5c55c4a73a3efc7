package hotline.infra.platform12345;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformSimulatorConfigTest {

    @Test
    void parsesCommandLineOptions() {
        PlatformSimulatorConfig config = PlatformSimulatorConfig.fromArgs(
                "--port=9000", "--hotline-url=http://localhost:8081", "--auto-dispatch-seconds=30");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.hotlineBaseUrl()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(config.autoDispatchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.hotlineToken()).isEqualTo("demo-hotline-token");
    }

    @Test
    void defaultsToPort8090WithAutoDispatchOff() {
        assertThat(PlatformSimulatorConfig.defaults().port()).isEqualTo(8090);
        assertThat(PlatformSimulatorConfig.defaults().autoDispatchInterval()).isZero();
    }

    @Test
    void reportsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> new PlatformSimulatorConfig(URI.create("ftp://x"), -1, "u", "p", " ",
                Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("hotline URL must be")
                .hasMessageContaining("port must be")
                .hasMessageContaining("token must not be blank");
        assertThatThrownBy(() -> PlatformSimulatorConfig.fromArgs("--colour=red")).hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> PlatformSimulatorConfig.fromArgs("--port=abc")).hasMessageContaining("whole number");
    }

    @Test
    void masksPhoneNumbersKeepingFirstThreeAndLastTwoDigits() {
        assertThat(Masking.phone("13800138000")).isEqualTo("138******00");
        assertThat(Masking.name("张伟")).isEqualTo("张*");
    }
}
