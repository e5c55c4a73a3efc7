package hotline.failover.decision;

/** The standby's CDC engine state as it reports it ({@code GET /api/ops/replication}, {@code cdcState}). */
public enum CdcState {
    STOPPED,
    STARTING,
    RESYNCING,
    STREAMING,
    /**
     * STARTING again after a failure, from its stored offset with no resync pending (the app reports
     * {@code consistentPrefix: true}): a standby reconnecting to a lost active, with a consistent prefix applied.
     */
    RECONNECTING,
    SLOT_LOST,
    FAILED,
    /** Not reported (site unreachable, or a value this controller does not know). */
    UNKNOWN;

    /**
     * Whether what the standby has applied is a consistent prefix of the active's history that may be promoted
     * automatically. STARTING and RESYNCING are mid-snapshot (half a history); SLOT_LOST means changes were
     * never delivered, so an automatic promotion could lose more than the journal covers: a human decides.
     * FAILED, RECONNECTING and STOPPED are what a dead active looks like from the standby, and are promotable.
     */
    public boolean promotable() {
        return this == STREAMING || this == FAILED || this == STOPPED || this == RECONNECTING;
    }

    /** Parses the app's name; anything else is {@link #UNKNOWN} (fail closed: not promotable). */
    public static CdcState parse(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        for (CdcState state : values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
