package hotline.failover.site;

import hotline.failover.decision.CdcState;

import java.util.Optional;

/**
 * A site's answer to {@code GET /api/ops/replication}: how far its CDC has applied the peer's changes.
 *
 * @param lastAppliedLsn the peer's WAL position (as a number) up to which changes were applied; empty before any
 * @param journalDepth   entries in the replication journal
 */
public record ReplicationStatus(CdcState cdcState, double lagSeconds, Optional<Long> lastAppliedLsn, long journalDepth) {

    /** Whether every change the peer committed up to {@code walPosition} has been applied here. */
    public boolean appliedUpTo(long walPosition) {
        return lastAppliedLsn.map(lsn -> lsn >= walPosition).orElse(false);
    }
}
