package hotline.app.seat;

import hotline.app.site.SiteRoleChanged;
import hotline.app.site.model.SiteRole;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Switches seats by itself when this site goes from STANDBY to ACTIVE at a higher epoch, so seats follow a
 * promotion even before (or without) the failover controller's {@code POST /api/ops/seats/switch}; the switch is
 * idempotent per epoch, so both together map once. It runs on its own thread: the event fires inside the promotion
 * request, which must neither wait for the switch nor fail with it. A failure is logged and counted
 * ({@code hotline_seat_switch_failures_total}); the controller's call, or ops, repeat it.
 */
@Component
class SeatSwitchOnPromotion {

    private static final Logger log = LoggerFactory.getLogger(SeatSwitchOnPromotion.class);

    private final SeatSwitchService switches;
    private final Counter failures;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seat-switch");
        t.setDaemon(true);
        return t;
    });

    SeatSwitchOnPromotion(SeatSwitchService switches, MeterRegistry meters) {
        this.switches = switches;
        this.failures = Counter.builder("hotline.seat.switch.failures")
                .description("automatic seat switches after a promotion that failed").register(meters);
    }

    private static boolean promoted(SiteRoleChanged event) {
        return event.previous().role() == SiteRole.STANDBY && event.current().role() == SiteRole.ACTIVE
                && event.current().epoch() > event.previous().epoch();
    }

    @EventListener
    void onRoleChange(SiteRoleChanged event) {
        if (promoted(event)) {
            long epoch = event.current().epoch();
            worker.execute(() -> switchAfterPromotion(epoch));
        }
    }

    private void switchAfterPromotion(long epoch) {
        try {
            switches.switchSeats(epoch);
        } catch (ApiException e) {
            if (e.type() == ProblemType.STALE_EPOCH || e.type() == ProblemType.SITE_NOT_ACTIVE) {
                log.info("seat switch for epoch {} skipped: the site moved on ({})", epoch, e.getMessage());
            } else {
                failed(epoch, e);
            }
        } catch (RuntimeException e) {
            failed(epoch, e);
        }
    }

    private void failed(long epoch, RuntimeException e) {
        failures.increment();
        log.error("seat switch after the promotion to epoch {} failed; the promotion stands. Repeat it with "
                + "POST /api/ops/seats/switch?epoch={}", epoch, epoch, e);
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
