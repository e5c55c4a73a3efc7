package hotline.app.replication;

import java.util.OptionalLong;

/**
 * Something that must be done at a STANDBY before its CDC engine starts copying from the active site. Every
 * start goes through the gates (role change, restart after a failure, resync), on the engine's control path, so
 * nothing the gate needs to see can be overwritten by CDC first.
 */
public interface CdcStartGate {

    /**
     * Returns when CDC may start; throws {@link ReplicationException} saying what CDC waits for otherwise (the
     * engine is then FAILED with that reason and the start is retried after the restart back-off).
     */
    void beforeCdcStart();

    /**
     * The epoch of this site's last ACTIVE period if this gate looked at it and found nothing there that the active
     * site lacks, version for version (no orphan change, no row rewritten under another version); empty when it did
     * not, or found some. Only then may a demoted site stream from the new active's handover slot instead of
     * resyncing ({@link HandoverSlot}).
     */
    default OptionalLong lastActivePeriodFullyReplicated() {
        return OptionalLong.empty();
    }
}
