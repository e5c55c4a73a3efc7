package hotline.failover.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * What the decision function is configured with.
 *
 * @param timings             lease duration, renew deadline, retry period (validated)
 * @param maxLagToPromote     a standby further behind than this is not promoted automatically: the journal may not
 *                            cover the gap, so a human decides (runbook failover --force)
 * @param autoFailoverEnabled false: the controller never promotes on its own (it still renews, fences and reports)
 */
public record FailoverConfig(FailoverTimings timings, Duration maxLagToPromote, boolean autoFailoverEnabled) {

    public static final FailoverConfig DEFAULTS = new FailoverConfig(FailoverTimings.DEFAULTS, Duration.ofSeconds(5), true);

    public FailoverConfig {
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(maxLagToPromote, "maxLagToPromote");
        if (maxLagToPromote.isNegative()) {
            throw new IllegalArgumentException("max lag to promote must not be negative, was " + maxLagToPromote);
        }
    }

    public FailoverConfig withAutoFailover(boolean enabled) {
        return new FailoverConfig(timings, maxLagToPromote, enabled);
    }
}
