package hotline.failover.capacity;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hotline.failover.decision.SiteObservation;

/**
 * Keeps this site's app Deployment at the size its role calls for ({@link CapacityPlan}): scaled up when the site
 * became ACTIVE (by a failover, a switchover, or at first start), back to the warm size when it is STANDBY again.
 *
 * <p>Level-triggered and on its own thread: every period it compares what the controller last saw of its own site
 * with {@code spec.replicas} and patches only a difference, so a patch lost to a crash or an API outage is made on a
 * later check, and a slow API server never delays the HA cycle (the warm replica serves the agents meanwhile). The
 * controller owns {@code spec.replicas}: a manual {@code kubectl scale} is undone at the next check (change the
 * chart's values instead). The metrics {@code hotline_failover_app_replicas}, {@code …_app_replicas_desired} and
 * {@code hotline_failover_app_scalings_total{outcome}} show what it does.
 */
public final class CapacityKeeper {

    private static final Logger log = LoggerFactory.getLogger(CapacityKeeper.class);

    /** What one check did. */
    public enum Outcome {
        /** the controller has no recent view of its own site */
        NO_OBSERVATION,
        /** the plan says nothing for the site's role (or the site does not answer) */
        LEFT_AS_IS,
        ALREADY_MATCHING,
        SCALED,
        FAILED
    }

    private final String site;
    private final CapacityPlan plan;
    private final KubernetesAppScaler scaler;
    private final Supplier<Optional<SiteObservation>> localSite;
    private final Duration period;
    private final AtomicLong specReplicas = new AtomicLong(-1);
    private final AtomicLong desiredReplicas = new AtomicLong(-1);
    private final Counter scaled;
    private final Counter failed;
    private String lastProblem = "";
    private ScheduledExecutorService executor;

    /**
     * @param localSite what the controller saw of its own site in its last cycle; empty when it has no recent view
     * @param period    how often the Deployment is compared (one GET per check; a PATCH only on a difference)
     */
    public CapacityKeeper(String site, CapacityPlan plan, KubernetesAppScaler scaler,
                          Supplier<Optional<SiteObservation>> localSite, Duration period, MeterRegistry registry) {
        this.site = site;
        this.plan = plan;
        this.scaler = scaler;
        this.localSite = localSite;
        this.period = period;
        Gauge.builder("hotline.failover.app.replicas", specReplicas, v -> v.get() < 0 ? Double.NaN : v.get())
                .description("spec.replicas of this site's app Deployment as last read").register(registry);
        Gauge.builder("hotline.failover.app.replicas.desired", desiredReplicas, v -> v.get() < 0 ? Double.NaN : v.get())
                .description("replicas this site's role calls for (NaN: leave as is)").register(registry);
        scaled = Counter.builder("hotline.failover.app.scalings").tag("outcome", "scaled").register(registry);
        failed = Counter.builder("hotline.failover.app.scalings").tag("outcome", "failed").register(registry);
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "failover-capacity-" + site);
            t.setDaemon(true);
            return t;
        });
        log.info("site {}: keeping {} at {} replicas while ACTIVE and {} while STANDBY (0 = left as is)", site,
                scaler.describe(), plan.activeReplicas(), plan.standbyReplicas());
        executor.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void check() {
        try {
            reconcileOnce();
        } catch (RuntimeException e) {
            log.warn("site {}: capacity check failed: {}", site, e.toString());
        }
    }

    /** One comparison, and a patch when the count differs from what the site's role calls for. */
    public synchronized Outcome reconcileOnce() {
        Optional<SiteObservation> local = localSite.get();
        if (local.isEmpty()) {
            desiredReplicas.set(-1);
            return Outcome.NO_OBSERVATION;
        }
        OptionalInt desired = plan.desiredFor(local.get());
        desiredReplicas.set(desired.isPresent() ? desired.getAsInt() : -1);
        if (desired.isEmpty()) {
            return Outcome.LEFT_AS_IS;
        }
        int wanted = desired.getAsInt();
        try {
            int current = scaler.replicas();
            specReplicas.set(current);
            if (current == wanted) {
                lastProblem = "";
                return Outcome.ALREADY_MATCHING;
            }
            scaler.scaleTo(wanted);
            specReplicas.set(wanted);
            scaled.increment();
            lastProblem = "";
            log.info("site {} is {}: scaled {} from {} to {} replicas", site, local.get().role(), scaler.describe(),
                    current, wanted);
            return Outcome.SCALED;
        } catch (ScalingUnavailableException e) {
            failed.increment();
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                log.warn("site {}: {} (retried every {} s)", site, e.getMessage(), period.toSeconds());
            }
            return Outcome.FAILED;
        }
    }
}
