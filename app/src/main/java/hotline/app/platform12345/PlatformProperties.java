package hotline.app.platform12345;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * The city 12345 platform: where to submit signs, results and applications, with which token, and how
 * delivery retries (exponential back-off from {@code retryMin} up to {@code retryMax}, forever: an
 * obligation to the platform is never dropped).
 */
@ConfigurationProperties("hotline.platform12345")
public record PlatformProperties(URI baseUrl, String outboundToken, Duration deliveryInterval, Duration requestTimeout,
                                 Duration retryMin, Duration retryMax) {

    public PlatformProperties {
        baseUrl = baseUrl == null ? URI.create("http://localhost:8090") : baseUrl;
        deliveryInterval = deliveryInterval == null ? Duration.ofSeconds(1) : deliveryInterval;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        retryMin = retryMin == null ? Duration.ofSeconds(2) : retryMin;
        retryMax = retryMax == null ? Duration.ofMinutes(5) : retryMax;
        if (outboundToken == null || outboundToken.isBlank()) {
            throw new IllegalArgumentException("hotline.platform12345.outbound-token is required");
        }
    }
}
