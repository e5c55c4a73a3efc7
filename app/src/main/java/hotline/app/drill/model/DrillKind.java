package hotline.app.drill.model;

/** What a drill exercised. */
public enum DrillKind {
    /** Read-only checks: both sites up, replication streaming, data equal; no role change. */
    READINESS,
    /** A planned switch of the ACTIVE role to the other site (and usually back). */
    SWITCHOVER,
    /** The active site's processes are killed for real; the standby takes over. */
    FAILOVER,
    /** Faults injected into a running site (Chaos Monkey assaults) while its behaviour is measured. */
    CHAOS
}
