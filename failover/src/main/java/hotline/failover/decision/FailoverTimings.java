package hotline.failover.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The three lease timings, validated together (client-go's leader election uses the same three).
 *
 * <ol>
 *   <li>The ACTIVE controller tries to renew the lease every {@code retryPeriod}.</li>
 *   <li>If it has not renewed for {@code renewDeadline}, its site fences itself (stops writes).</li>
 *   <li>Only when {@code leaseDuration} has passed since the last renewal may another controller take the lease.</li>
 * </ol>
 *
 * <p>Invariant kept by {@link #validated}: {@code retryPeriod > 0}, {@code renewDeadline > retryPeriod},
 * {@code leaseDuration > renewDeadline}, and {@code renewDeadline + retryPeriod < leaseDuration}. The last one is what
 * "fence strictly before anyone else can take the lease" needs: the deadline is only checked once per retry period,
 * so the fence may land up to one retry period after the deadline, and that must still be before expiry.
 */
public record FailoverTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /** 10 s / 6 s / 1 s: a dead active is replaced about 10 s after its last renewal. */
    public static final FailoverTimings DEFAULTS =
            new FailoverTimings(Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(1));

    /** The timings, or {@link InvalidFailoverTimingsException} listing every violated rule at once. */
    public static FailoverTimings validated(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        List<String> violations = new ArrayList<>();
        if (leaseDuration == null) {
            violations.add("lease duration is missing");
        }
        if (renewDeadline == null) {
            violations.add("renew deadline is missing");
        }
        if (retryPeriod == null) {
            violations.add("retry period is missing");
        }
        if (retryPeriod != null && (retryPeriod.isZero() || retryPeriod.isNegative())) {
            violations.add("retry period must be positive, was " + retryPeriod);
        }
        if (renewDeadline != null && retryPeriod != null && renewDeadline.compareTo(retryPeriod) <= 0) {
            violations.add("renew deadline (" + renewDeadline + ") must be longer than the retry period (" + retryPeriod
                    + "), or the active gets no second chance to renew before it fences itself");
        }
        if (leaseDuration != null && renewDeadline != null && leaseDuration.compareTo(renewDeadline) <= 0) {
            violations.add("lease duration (" + leaseDuration + ") must be longer than the renew deadline ("
                    + renewDeadline + "), or the standby may take the lease before the active has fenced itself");
        } else if (leaseDuration != null && renewDeadline != null && retryPeriod != null
                && leaseDuration.compareTo(renewDeadline.plus(retryPeriod)) <= 0) {
            violations.add("renew deadline + retry period (" + renewDeadline.plus(retryPeriod)
                    + ") must be shorter than the lease duration (" + leaseDuration
                    + "): the deadline is checked once per retry period and the fence must land before the lease expires");
        }
        if (!violations.isEmpty()) {
            throw new InvalidFailoverTimingsException(violations);
        }
        return new FailoverTimings(leaseDuration, renewDeadline, retryPeriod);
    }
}
