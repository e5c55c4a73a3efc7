package hotline.failover.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import hotline.failover.decision.Decision;
import hotline.failover.decision.LeaseReading;
import hotline.failover.decision.LocalFacts;
import hotline.failover.decision.ObservedView;
import hotline.failover.procedure.ProcedureStatus;

/**
 * The controller's metrics (every name is in {@code infra/src/main/monitoring/metrics.txt}; the alert rules use
 * {@code hotline_failover_paused}, {@code …_lease_held} and {@code …_lease_last_renewal_timestamp_seconds}):
 * <ul>
 *   <li>{@code hotline_failover_paused}, {@code hotline_failover_fenced_by_operator}: the ops switches (0/1);</li>
 *   <li>{@code hotline_failover_lease_held}: 1 while the lease read this cycle names this site and has not expired;</li>
 *   <li>{@code hotline_failover_lease_epoch}, {@code hotline_failover_lease_last_renewal_timestamp_seconds};</li>
 *   <li>{@code hotline_failover_lease_store_reachable}, {@code hotline_failover_peer_controller_reachable};</li>
 *   <li>{@code hotline_failover_decisions_total{action}}, {@code hotline_failover_cycle_failures_total},
 *       {@code hotline_failover_cycle_seconds};</li>
 *   <li>{@code hotline_failover_procedures_total{kind,outcome}} (outcome started|succeeded|aborted).</li>
 * </ul>
 */
public final class ControllerMetrics {

    private final MeterRegistry registry;
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong fencedByOperator = new AtomicLong();
    private final AtomicLong leaseHeld = new AtomicLong();
    private final AtomicLong leaseEpoch = new AtomicLong();
    private final AtomicLong lastRenewalMillis = new AtomicLong();
    private final AtomicLong leaseStoreReachable = new AtomicLong();
    private final AtomicLong peerControllerReachable = new AtomicLong();
    private final Counter cycleFailures;
    private final Timer cycles;

    public ControllerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("hotline.failover.paused", paused, AtomicLong::get).register(registry);
        Gauge.builder("hotline.failover.fenced.by.operator", fencedByOperator, AtomicLong::get).register(registry);
        Gauge.builder("hotline.failover.lease.held", leaseHeld, AtomicLong::get).register(registry);
        Gauge.builder("hotline.failover.lease.epoch", leaseEpoch, AtomicLong::get).register(registry);
        Gauge.builder("hotline.failover.lease.last.renewal.timestamp", lastRenewalMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds").register(registry);
        Gauge.builder("hotline.failover.lease.store.reachable", leaseStoreReachable, AtomicLong::get).register(registry);
        Gauge.builder("hotline.failover.peer.controller.reachable", peerControllerReachable, AtomicLong::get)
                .register(registry);
        cycleFailures = Counter.builder("hotline.failover.cycle.failures").register(registry);
        cycles = Timer.builder("hotline.failover.cycle").publishPercentileHistogram(false).register(registry);
        for (String action : new String[]{"hold", "renew-lease", "acquire-lease-and-promote", "self-fence",
                "lift-self-fence", "demote", "start-switchover"}) {
            Counter.builder("hotline.failover.decisions").tag("action", action).register(registry);
        }
        for (String kind : new String[]{"failover", "switchover"}) {
            for (String outcome : new String[]{"started", "succeeded", "aborted"}) {
                Counter.builder("hotline.failover.procedures").tag("kind", kind).tag("outcome", outcome).register(registry);
            }
        }
    }

    void recordCycle(Decision decision, ObservedView view, LocalFacts facts, Optional<Instant> lastRenewal,
                     Duration took) {
        registry.counter("hotline.failover.decisions", "action", decision.action()).increment();
        paused.set(facts.paused() ? 1 : 0);
        fencedByOperator.set(facts.fencedByOperator() ? 1 : 0);
        leaseStoreReachable.set(view.lease() instanceof LeaseReading.StoreUnreachable ? 0 : 1);
        peerControllerReachable.set(view.peerController().reachable() ? 1 : 0);
        if (view.lease() instanceof LeaseReading.Stored stored) {
            leaseEpoch.set(stored.lease().epoch());
            boolean held = stored.lease().holderSite().equals(facts.site())
                    && !stored.lease().expiredAt(Instant.now());
            leaseHeld.set(held ? 1 : 0);
        } else if (view.lease() instanceof LeaseReading.NoneStored) {
            leaseHeld.set(0);
        }
        lastRenewal.ifPresent(at -> lastRenewalMillis.set(at.toEpochMilli()));
        cycles.record(took);
    }

    void cycleFailed() {
        cycleFailures.increment();
    }

    void procedureStarted(String kind) {
        registry.counter("hotline.failover.procedures", "kind", kind, "outcome", "started").increment();
    }

    void procedureFinished(String kind, ProcedureStatus status) {
        registry.counter("hotline.failover.procedures", "kind", kind, "outcome",
                status == ProcedureStatus.SUCCEEDED ? "succeeded" : "aborted").increment();
    }
}
