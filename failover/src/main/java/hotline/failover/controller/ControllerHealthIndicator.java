package hotline.failover.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the HA loop turns (its last cycle ended within three retry periods plus the request timeout), with the
 * current decision; DOWN when the loop is stuck, so that Kubernetes restarts the controller (the liveness group
 * includes it).
 */
@Component("controller")
class ControllerHealthIndicator implements HealthIndicator {

    private final FailoverController controller;
    private final Duration allowed;
    private final Clock clock;
    private final Instant startedAt;

    ControllerHealthIndicator(FailoverController controller, ControllerProperties properties, Clock clock) {
        this.controller = controller;
        this.allowed = properties.lease().retryPeriod().multipliedBy(3).plus(properties.requestTimeout().multipliedBy(4));
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Instant last = controller.lastCycleEnd().orElse(startedAt);
        Duration since = Duration.between(last, now);
        Health.Builder health = since.compareTo(allowed) <= 0 ? Health.up() : Health.down();
        health.withDetail("lastCycleSecondsAgo", since.toMillis() / 1000.0);
        controller.snapshot().ifPresent(s -> health.withDetail("action", s.decision().action())
                .withDetail("reason", s.decision().reason()));
        return health.build();
    }
}
