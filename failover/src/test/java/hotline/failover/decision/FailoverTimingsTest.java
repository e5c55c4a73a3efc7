package hotline.failover.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

class FailoverTimingsTest {

    private static Duration s(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Test
    void acceptsLeaseLongerThanDeadlinePlusRetryAndDeadlineLongerThanRetry() {
        FailoverTimings timings = FailoverTimings.validated(s(10), s(6), s(1));

        assertThat(timings).isEqualTo(FailoverTimings.DEFAULTS);
    }

    @Test
    void reportsEveryViolationAtOnceWhenAllAreZero() {
        assertThatThrownBy(() -> FailoverTimings.validated(s(0), s(0), s(0)))
                .isInstanceOf(InvalidFailoverTimingsException.class)
                .hasMessageStartingWith("invalid failover timings (3 problems):")
                .extracting(e -> ((InvalidFailoverTimingsException) e).violations(), list(String.class))
                .containsExactly(
                        "retry period must be positive, was PT0S",
                        "renew deadline (PT0S) must be longer than the retry period (PT0S), or the active gets no second chance to renew before it fences itself",
                        "lease duration (PT0S) must be longer than the renew deadline (PT0S), or the standby may take the lease before the active has fenced itself");
    }

    @Test
    void refusesADeadlineSoCloseToExpiryThatTheFenceCouldLandAfterIt() {
        assertThatThrownBy(() -> FailoverTimings.validated(s(10), s(9), s(1)))
                .isInstanceOf(InvalidFailoverTimingsException.class)
                .hasMessageContaining("renew deadline + retry period (PT10S) must be shorter than the lease duration (PT10S)");
    }

    @Test
    void refusesARenewDeadlineNotLongerThanTheRetryPeriod() {
        assertThatThrownBy(() -> FailoverTimings.validated(s(10), s(2), s(2)))
                .hasMessageContaining("renew deadline (PT2S) must be longer than the retry period (PT2S)");
    }

    @Test
    void namesMissingTimings() {
        assertThatThrownBy(() -> FailoverTimings.validated(null, null, s(1)))
                .extracting(e -> ((InvalidFailoverTimingsException) e).violations(), list(String.class))
                .containsExactly("lease duration is missing", "renew deadline is missing");
    }
}
