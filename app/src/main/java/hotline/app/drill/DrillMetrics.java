package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillKind;
import hotline.app.drill.model.DrillResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The drill series, registered at start-up with values that are never NaN:
 * <ul>
 *   <li>{@code hotline_drill_last_success_timestamp_seconds{kind}}: when the last PASSED drill of that kind
 *       finished (0 when there was none);</li>
 *   <li>{@code hotline_drill_last_rto_seconds}, {@code hotline_drill_last_rpo_writes}: the figures of the newest
 *       drill that measured them (0 before any);</li>
 *   <li>{@code hotline_drill_runs_total{kind,result}}: evidence records appended at this site since it started
 *       (lower-case tags, e.g. {@code kind="switchover",result="failed"}).</li>
 * </ul>
 * The gauges are read from the database (evidence replicates, so both sites agree after a switch and a restart
 * loses nothing); a scrape never runs a query. The counter counts appends here, so an alert on its increase fires
 * once, for the site that recorded the run.
 */
@Component
class DrillMetrics {

    private static final Logger log = LoggerFactory.getLogger(DrillMetrics.class);
    private static final int SCANNED_FOR_FIGURES = 200;

    private final DrillEvidenceStore store;
    private final Map<DrillKind, Double> lastSuccess = new EnumMap<>(DrillKind.class);
    private final Map<DrillKind, Map<DrillResult, Counter>> runs = new EnumMap<>(DrillKind.class);
    private volatile double lastRtoSeconds;
    private volatile double lastRpoWrites;

    DrillMetrics(DrillEvidenceStore store, MeterRegistry registry) {
        this.store = store;
        for (DrillKind kind : DrillKind.values()) {
            String k = kind.name().toLowerCase(Locale.ROOT);
            lastSuccess.put(kind, 0.0);
            Gauge.builder("hotline.drill.last.success", this, m -> m.lastSuccess(kind))
                    .baseUnit("timestamp_seconds").tag("kind", k)
                    .description("when the last passed drill of this kind finished (0: none yet)").register(registry);
            Map<DrillResult, Counter> byResult = new EnumMap<>(DrillResult.class);
            for (DrillResult result : DrillResult.values()) {
                byResult.put(result, Counter.builder("hotline.drill.runs").tag("kind", k)
                        .tag("result", result.name().toLowerCase(Locale.ROOT))
                        .description("drill evidence records appended at this site").register(registry));
            }
            runs.put(kind, byResult);
        }
        Gauge.builder("hotline.drill.last.rto", this, m -> m.lastRtoSeconds).baseUnit("seconds")
                .description("RTO measured by the newest drill that measured it (0: none yet)").register(registry);
        Gauge.builder("hotline.drill.last.rpo", this, m -> m.lastRpoWrites).baseUnit("writes")
                .description("acknowledged writes lost in the newest drill that measured it (0: none yet)").register(registry);
    }

    /** An append at this site: count it and show its figures at once. */
    void appended(DrillEvidence evidence) {
        runs.get(evidence.kind()).get(evidence.result()).increment();
        refresh();
    }

    @Scheduled(fixedDelayString = "${hotline.drill.metrics-refresh:PT1M}", initialDelayString = "PT0S")
    void refresh() {
        try {
            Map<DrillKind, Instant> success = store.lastSuccess();
            synchronized (lastSuccess) {
                for (DrillKind kind : DrillKind.values()) {
                    Instant at = success.get(kind);
                    lastSuccess.put(kind, at == null ? 0.0 : at.toEpochMilli() / 1000.0);
                }
            }
            List<ChainedEvidence> latest = store.latest(SCANNED_FOR_FIGURES);
            lastRtoSeconds = newest(latest, DrillEvidence.RTO).orElse(0.0);
            lastRpoWrites = newest(latest, DrillEvidence.RPO).orElse(0.0);
        } catch (RuntimeException e) {
            // keep the last values; the next refresh tries again
            log.warn("drill metrics not refreshed: {}", e.getMessage());
        }
    }

    private double lastSuccess(DrillKind kind) {
        synchronized (lastSuccess) {
            return lastSuccess.get(kind);
        }
    }

    private static Optional<Double> newest(List<ChainedEvidence> newestFirst, String figure) {
        return newestFirst.stream()
                .map(r -> r.evidence().figure(figure))
                .flatMap(Optional::stream)
                .findFirst()
                .map(DrillEvidence.Figure::value)
                .map(BigDecimal::doubleValue);
    }
}
