package hotline.app.ticket;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** How far back a new ticket looks for earlier ones from the same caller or about the same place and topic. */
@ConfigurationProperties("hotline.repeat")
public record RepeatProperties(Duration window) {

    public RepeatProperties {
        window = window == null ? Duration.ofDays(30) : window;
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("hotline.repeat.window must be positive, was " + window);
        }
    }
}
