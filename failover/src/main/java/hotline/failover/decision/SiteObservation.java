package hotline.failover.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * One site as a controller saw it in this cycle: its role and fence from {@code GET /api/site}, its CDC health from
 * {@code GET /api/ops/replication}. An unreachable site has no role, epoch or CDC figures ({@link #unreachable}).
 *
 * @param lagSeconds     CDC lag the site reports (meaningful for a standby); empty when unknown
 * @param lastAppliedLsn the last source WAL position the standby applied; empty when unknown
 * @param promotedWithoutLease ops promoted this ACTIVE site while the lease authority did not answer, and no
 *                       controller has taken the lease at its epoch yet
 */
public record SiteObservation(String site, boolean reachable, SiteRole role, long epoch, boolean fenced,
                              boolean writable, CdcState cdcState, Optional<Double> lagSeconds,
                              Optional<Long> lastAppliedLsn, boolean promotedWithoutLease) {

    public SiteObservation(String site, boolean reachable, SiteRole role, long epoch, boolean fenced, boolean writable,
                           CdcState cdcState, Optional<Double> lagSeconds, Optional<Long> lastAppliedLsn) {
        this(site, reachable, role, epoch, fenced, writable, cdcState, lagSeconds, lastAppliedLsn, false);
    }

    public SiteObservation {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cdcState, "cdcState");
        Objects.requireNonNull(lagSeconds, "lagSeconds");
        Objects.requireNonNull(lastAppliedLsn, "lastAppliedLsn");
        if (reachable) {
            Objects.requireNonNull(role, "a reachable site reports its role");
        }
    }

    public static SiteObservation unreachable(String site) {
        return new SiteObservation(site, false, null, 0, false, false, CdcState.UNKNOWN, Optional.empty(), Optional.empty());
    }

    public static SiteObservation active(String site, long epoch) {
        return new SiteObservation(site, true, SiteRole.ACTIVE, epoch, false, true, CdcState.STOPPED,
                Optional.empty(), Optional.empty());
    }

    public static SiteObservation standby(String site, long epoch, CdcState cdc, double lagSeconds, long lastAppliedLsn) {
        return new SiteObservation(site, true, SiteRole.STANDBY, epoch, false, false, cdc, Optional.of(lagSeconds),
                Optional.of(lastAppliedLsn));
    }

    /** The same observation with the site fenced (not writable, whatever its role). */
    public SiteObservation fencedCopy() {
        return new SiteObservation(site, reachable, role, epoch, true, false, cdcState, lagSeconds, lastAppliedLsn,
                promotedWithoutLease);
    }

    /** An ACTIVE site ops promoted without the lease (`ctl failover --without-witness`), waiting for its lease. */
    public static SiteObservation activeWithoutLease(String site, long epoch) {
        return new SiteObservation(site, true, SiteRole.ACTIVE, epoch, false, true, CdcState.STOPPED,
                Optional.empty(), Optional.empty(), true);
    }

    public boolean isActive() {
        return reachable && role == SiteRole.ACTIVE;
    }

    /** Reachable, ACTIVE, not fenced: it accepts writes right now. */
    public boolean isServingWrites() {
        return isActive() && writable && !fenced;
    }
}
