package hotline.infra.platform12345;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the 12345 platform simulator.
 *
 * @param hotlineBaseUrl       where orders are dispatched: {@code POST {hotlineBaseUrl}/api/platform12345/orders}
 * @param port                 HTTP port of the simulator (0 = any free port)
 * @param dispatchUsername     HTTP Basic user the simulator presents to the hotline
 * @param dispatchPassword     HTTP Basic password the simulator presents to the hotline
 * @param hotlineToken         bearer token the hotline must present on submissions
 * @param autoDispatchInterval a new demo order every interval; zero = off
 * @param retryInitialDelay    first back-off after a refused dispatch, doubled per attempt
 * @param retryMaxDelay        back-off cap; dispatch is retried at this pace until accepted
 */
public record PlatformSimulatorConfig(
        URI hotlineBaseUrl,
        int port,
        String dispatchUsername,
        String dispatchPassword,
        String hotlineToken,
        Duration autoDispatchInterval,
        Duration retryInitialDelay,
        Duration retryMaxDelay) {

    public static final int DEFAULT_PORT = 8090;
    public static final URI DEFAULT_HOTLINE_URL = URI.create("http://localhost:8080");
    public static final String DEFAULT_DISPATCH_USERNAME = "platform12345";
    public static final String DEFAULT_DISPATCH_PASSWORD = "demo-platform-secret";
    public static final String DEFAULT_HOTLINE_TOKEN = "demo-hotline-token";

    public PlatformSimulatorConfig {
        List<String> problems = new ArrayList<>();
        if (hotlineBaseUrl == null || hotlineBaseUrl.getHost() == null
                || !("http".equals(hotlineBaseUrl.getScheme()) || "https".equals(hotlineBaseUrl.getScheme()))) {
            problems.add("hotline URL must be an absolute http(s) URL, was " + hotlineBaseUrl);
        }
        if (port < 0 || port > 65535) {
            problems.add("port must be 0 (any free port) or 1-65535, was " + port);
        }
        if (isBlank(dispatchUsername) || isBlank(dispatchPassword)) {
            problems.add("dispatch username and password must not be blank");
        }
        if (isBlank(hotlineToken)) {
            problems.add("hotline token must not be blank");
        }
        if (autoDispatchInterval == null || autoDispatchInterval.isNegative()) {
            problems.add("auto-dispatch interval must be zero (off) or positive, was " + autoDispatchInterval);
        }
        if (retryInitialDelay == null || retryMaxDelay == null || retryInitialDelay.isNegative()
                || retryInitialDelay.isZero() || retryMaxDelay.compareTo(retryInitialDelay) < 0) {
            problems.add("retry delays must satisfy 0 < initial <= max, were " + retryInitialDelay + " and " + retryMaxDelay);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid 12345 simulator settings: " + String.join("; ", problems));
        }
    }

    public static PlatformSimulatorConfig defaults() {
        return new PlatformSimulatorConfig(DEFAULT_HOTLINE_URL, DEFAULT_PORT, DEFAULT_DISPATCH_USERNAME,
                DEFAULT_DISPATCH_PASSWORD, DEFAULT_HOTLINE_TOKEN, Duration.ZERO,
                Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** Parses {@code --port=8090 --hotline-url=http://localhost:8080 --auto-dispatch-seconds=30} and friends. */
    public static PlatformSimulatorConfig fromArgs(String... args) {
        PlatformSimulatorConfig config = defaults();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'. Options: --port, "
                        + "--hotline-url, --auto-dispatch-seconds, --dispatch-password, --hotline-token");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            config = switch (name) {
                case "port" -> config.withPort(parseInt(name, value));
                case "hotline-url" -> config.withHotlineBaseUrl(URI.create(value));
                case "auto-dispatch-seconds" -> config.withAutoDispatchInterval(Duration.ofSeconds(parseInt(name, value)));
                case "dispatch-password" -> new PlatformSimulatorConfig(config.hotlineBaseUrl, config.port,
                        config.dispatchUsername, value, config.hotlineToken, config.autoDispatchInterval,
                        config.retryInitialDelay, config.retryMaxDelay);
                case "hotline-token" -> new PlatformSimulatorConfig(config.hotlineBaseUrl, config.port,
                        config.dispatchUsername, config.dispatchPassword, value, config.autoDispatchInterval,
                        config.retryInitialDelay, config.retryMaxDelay);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            };
        }
        return config;
    }

    public PlatformSimulatorConfig withPort(int newPort) {
        return new PlatformSimulatorConfig(hotlineBaseUrl, newPort, dispatchUsername, dispatchPassword, hotlineToken,
                autoDispatchInterval, retryInitialDelay, retryMaxDelay);
    }

    public PlatformSimulatorConfig withHotlineBaseUrl(URI url) {
        return new PlatformSimulatorConfig(url, port, dispatchUsername, dispatchPassword, hotlineToken,
                autoDispatchInterval, retryInitialDelay, retryMaxDelay);
    }

    public PlatformSimulatorConfig withAutoDispatchInterval(Duration interval) {
        return new PlatformSimulatorConfig(hotlineBaseUrl, port, dispatchUsername, dispatchPassword, hotlineToken,
                interval, retryInitialDelay, retryMaxDelay);
    }

    public PlatformSimulatorConfig withRetryDelays(Duration initial, Duration max) {
        return new PlatformSimulatorConfig(hotlineBaseUrl, port, dispatchUsername, dispatchPassword, hotlineToken,
                autoDispatchInterval, initial, max);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
