package hotline.app.replication;

import hotline.app.replication.model.CdcState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health detail "replication": DOWN when the slot was lost or the engine keeps failing (the standby is falling
 * behind for good), UP otherwise with state, lag and journal depth. Not part of the readiness group: a standby
 * with broken replication still serves reads.
 */
@Component("replication")
class ReplicationHealthIndicator implements HealthIndicator {

    private final CdcEngine cdc;
    private final SlotMonitor slot;
    private final ReplicationJournal journal;
    private final ReplicationProperties properties;

    ReplicationHealthIndicator(CdcEngine cdc, SlotMonitor slot, ReplicationJournal journal, ReplicationProperties properties) {
        this.cdc = cdc;
        this.slot = slot;
        this.journal = journal;
        this.properties = properties;
    }

    @Override
    public Health health() {
        CdcState state = cdc.state();
        Health.Builder health = state == CdcState.SLOT_LOST || state == CdcState.FAILED ? Health.down() : Health.up();
        health.withDetail("peerSite", properties.peerSite() == null ? "none" : properties.peerSite())
                .withDetail("cdcState", state.name())
                .withDetail("reason", cdc.stateReason())
                .withDetail("lagSeconds", cdc.handler().lag().toMillis() / 1000.0)
                .withDetail("journalDepth", journal.depth())
                .withDetail("walGrowing", slot.walGrowing());
        return health.build();
    }
}
