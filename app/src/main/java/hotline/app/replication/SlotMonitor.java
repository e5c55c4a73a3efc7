package hotline.app.replication;

import hotline.app.replication.model.CdcState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches this standby's slot at the active site. Debezium does not fail on a lost slot (it retries silently
 * for about half an hour), so the slot is inspected here: missing while CDC had an offset, or invalidated by
 * PostgreSQL ({@code wal_status = lost}, {@code invalidation_reason}) means changes are gone and a resync is
 * needed; a growing amount of retained WAL is reported before it comes to that.
 */
@Component
class SlotMonitor {

    private static final Logger log = LoggerFactory.getLogger(SlotMonitor.class);

    private final CdcEngine cdc;
    private final CdcOffsets offsets;
    private final ReplicationProperties properties;
    private final Clock clock;
    private volatile CdcEngine.SlotStatus last;
    private volatile Instant checkedAt;
    private volatile String error;

    SlotMonitor(CdcEngine cdc, CdcOffsets offsets, ReplicationProperties properties, Clock clock, MeterRegistry registry) {
        this.cdc = cdc;
        this.offsets = offsets;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hotline.replication.slot.wal.behind", this, m -> m.last == null || m.last.walBehind() == null
                        ? 0 : m.last.walBehind()).baseUnit("bytes")
                .description("WAL written at the active site that this standby has not confirmed").register(registry);
        Gauge.builder("hotline.replication.slot.wal.retained", this, m -> m.last == null || m.last.walRetained() == null
                        ? 0 : m.last.walRetained()).baseUnit("bytes")
                .description("WAL the active site keeps for this standby's slot").register(registry);
        Gauge.builder("hotline.replication.slot.lost", this, m -> m.cdc.state() == CdcState.SLOT_LOST ? 1 : 0)
                .description("1 when the slot at the active site is gone or invalidated (resync needed)").register(registry);
    }

    CdcEngine.SlotStatus last() {
        return last;
    }

    Instant checkedAt() {
        return checkedAt;
    }

    String error() {
        return error;
    }

    boolean walGrowing() {
        CdcEngine.SlotStatus s = last;
        return s != null && s.walRetained() != null && s.walRetained() > properties.walBehindWarning();
    }

    @Scheduled(fixedDelayString = "${hotline.replication.slot-check-interval:PT2S}")
    void check() {
        CdcState state = cdc.state();
        if (!properties.hasPeer() || state == CdcState.STOPPED || state == CdcState.STARTING || state == CdcState.RESYNCING) {
            return;
        }
        try (Connection source = cdc.sourceConnection()) {
            CdcEngine.SlotStatus status = CdcEngine.SlotStatus.read(source, cdc.handlerSlot());
            last = status;
            checkedAt = clock.instant();
            error = null;
            boolean hadOffset = offsets.exists(properties.peerSite());
            if (status.lost()) {
                cdc.slotLost("slot invalidated at site " + properties.peerSite() + " (" + status.detail() + ")");
            } else if (hadOffset && status.recreatedAfter(offsets.position(properties.peerSite())
                    .map(CdcOffsets.Position::lsn).orElse(null))) {
                cdc.slotLost("slot at site " + properties.peerSite() + " was re-created past this standby's last applied "
                        + "position: the changes in between are gone");
            } else if (!status.exists() && hadOffset && state == CdcState.STREAMING) {
                cdc.slotLost("slot dropped at site " + properties.peerSite() + " while this standby was streaming from it");
            } else if (walGrowing()) {
                log.warn("slot at site {} retains {} bytes of WAL for this standby (warning above {})",
                        properties.peerSite(), status.walRetained(), properties.walBehindWarning());
            }
        } catch (Exception e) {
            error = e.getMessage();
            log.debug("slot check at site {} failed: {}", properties.peerSite(), e.toString());
        }
    }
}
