package hotline.app.quarantine;

import hotline.app.quarantine.model.OrphanKind;
import hotline.app.quarantine.model.QuarantineStatus;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One quarantined orphan change, as the ops API shows it.
 *
 * @param epoch         the epoch the old active was demoted to (the new active's)
 * @param oldActiveRow  the row at the old active (null: it deleted the row)
 * @param newActiveRow  the row at the new active when detected (null: it has none)
 * @param storedAt      {@code REPLICATED}: in {@code replication_quarantine}, at both sites; {@code LOCAL_PENDING}:
 *                      kept at this site (the old active) until the active site accepts it
 */
public record QuarantineEntry(UUID id, String orphanRef, Instant detectedAt, String detectedBySite, long epoch,
                              String oldActiveSite, String newActiveSite, String table, String rowKey, OrphanKind kind,
                              JsonNode oldActiveRow, JsonNode newActiveRow, Instant oldActiveCommittedAt,
                              Instant newActiveCommittedAt, String reason, QuarantineStatus status, String reviewedBy,
                              Instant reviewedAt, String note, Stored storedAt) {

    public enum Stored { REPLICATED, LOCAL_PENDING }

    public boolean deletedAtOldActive() {
        return oldActiveRow == null || oldActiveRow.isNull();
    }
}
