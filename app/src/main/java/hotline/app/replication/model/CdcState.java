package hotline.app.replication.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of the standby's CDC engine. Moves are checked: an illegal one is a bug and says so.
 */
public enum CdcState {
    /** Not running: this site is ACTIVE, or has no peer. */
    STOPPED,
    /** Connecting, verifying publication and slot. */
    STARTING,
    /** Copying the source (initial sync or resync): not promotable until it finishes. */
    RESYNCING,
    /** Applying source transactions as they commit. */
    STREAMING,
    /** The source's slot is gone or invalidated: changes were lost, a resync is required. */
    SLOT_LOST,
    /** The engine stopped with an error; it is restarted after a back-off. */
    FAILED;

    private static final Set<CdcState> ANY = EnumSet.allOf(CdcState.class);

    public Set<CdcState> next() {
        return switch (this) {
            case STOPPED -> EnumSet.of(STARTING, STOPPED, RESYNCING);
            case STARTING -> EnumSet.of(RESYNCING, STREAMING, SLOT_LOST, FAILED, STOPPED);
            case RESYNCING -> EnumSet.of(STREAMING, FAILED, STOPPED, RESYNCING, STARTING);
            case STREAMING -> EnumSet.of(STREAMING, SLOT_LOST, FAILED, STOPPED, RESYNCING, STARTING);
            case SLOT_LOST -> EnumSet.of(RESYNCING, STOPPED, SLOT_LOST, STARTING);
            case FAILED -> ANY;
        };
    }

    public CdcState moveTo(CdcState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("CDC cannot go from " + this + " to " + target
                    + (this == SLOT_LOST ? ": the slot was lost, run a resync first" : ""));
        }
        return target;
    }

    /** Whether what has been applied so far is a consistent prefix of the source (promotable). */
    public boolean consistent() {
        return this == STREAMING || this == STOPPED || this == FAILED || this == SLOT_LOST;
    }
}
