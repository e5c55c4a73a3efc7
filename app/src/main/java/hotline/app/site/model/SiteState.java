package hotline.app.site.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One site's role, epoch and fence, as durably recorded in its own database.
 *
 * <p>Invariants: every role change carries a strictly higher epoch (so no two sites accept writes in the
 * same epoch); a standby always names the active site; a fenced site accepts no writes whatever its role; only an
 * ACTIVE site can be waiting for its lease ({@code promotedWithoutLease}: ops promoted it while the lease authority
 * did not answer, and its controller has not taken the lease at this epoch yet).
 * Transitions that break them throw {@link IllegalSiteTransitionException} with what to do instead.
 */
public record SiteState(String siteId, SiteRole role, long epoch, boolean fenced, String activeSite,
                        Instant changedAt, String reason, boolean promotedWithoutLease) {

    public SiteState {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(activeSite, "activeSite");
        Objects.requireNonNull(changedAt, "changedAt");
        reason = reason == null ? "" : reason;
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch starts at 1, was " + epoch);
        }
        if (role == SiteRole.ACTIVE && !activeSite.equals(siteId)) {
            throw new IllegalArgumentException("an ACTIVE site names itself as active site, not " + activeSite);
        }
        if (promotedWithoutLease && role != SiteRole.ACTIVE) {
            throw new IllegalArgumentException("only an ACTIVE site waits for its lease");
        }
    }

    public static SiteState initial(String siteId, SiteRole role, long epoch, String activeSite, Instant now) {
        return new SiteState(siteId, role, epoch, false, role == SiteRole.ACTIVE ? siteId : activeSite, now,
                "initial role from configuration", false);
    }

    /** Writes are accepted only by an unfenced ACTIVE site. */
    public boolean writable() {
        return role == SiteRole.ACTIVE && !fenced;
    }

    /** Becomes ACTIVE at {@code newEpoch}; repeating the same promotion is a no-op. */
    public SiteState promote(long newEpoch, Instant now, String why) {
        if (role == SiteRole.ACTIVE && newEpoch == epoch) {
            return this;
        }
        requireHigherEpoch("promote", newEpoch);
        return new SiteState(siteId, SiteRole.ACTIVE, newEpoch, false, siteId, now, why, false);
    }

    /**
     * Becomes ACTIVE at {@code newEpoch} although nobody could take the lease at that epoch (the lease authority is
     * lost together with the active site); the site waits for its controller to take the lease
     * ({@link #leaseTaken}). Repeating it is a no-op.
     */
    public SiteState promoteWithoutLease(long newEpoch, Instant now, String why) {
        if (role == SiteRole.ACTIVE && newEpoch == epoch && promotedWithoutLease) {
            return this;
        }
        requireHigherEpoch("promote", newEpoch);
        return new SiteState(siteId, SiteRole.ACTIVE, newEpoch, false, siteId, now, why, true);
    }

    /** Its controller holds the lease at this site's epoch now: nothing to wait for any more. */
    public SiteState leaseTaken(long atEpoch, Instant now, String why) {
        if (!promotedWithoutLease) {
            return this;
        }
        if (atEpoch != epoch) {
            throw new IllegalSiteTransitionException("site " + siteId + " waits for the lease at epoch " + epoch
                    + ", not " + atEpoch);
        }
        return new SiteState(siteId, role, epoch, fenced, activeSite, now, why, false);
    }

    /** Becomes STANDBY of {@code newActiveSite} at {@code newEpoch} (equal epoch allowed: demotion follows a peer's promotion). */
    public SiteState demote(long newEpoch, String newActiveSite, Instant now, String why) {
        if (newActiveSite.equals(siteId)) {
            throw new IllegalSiteTransitionException("site " + siteId + " cannot be demoted in favour of itself; "
                    + "name the site that becomes active");
        }
        if (role == SiteRole.STANDBY && newEpoch == epoch && newActiveSite.equals(activeSite)) {
            return this;
        }
        if (newEpoch < epoch) {
            throw new IllegalSiteTransitionException("cannot demote site " + siteId + " to epoch " + newEpoch
                    + ": it is already at epoch " + epoch + "; use the current epoch or a higher one");
        }
        return new SiteState(siteId, SiteRole.STANDBY, newEpoch, false, newActiveSite, now, why, false);
    }

    /** Stops writes without changing the role (human off-switch, or self-fencing when the lease is lost). */
    public SiteState fence(Instant now, String why) {
        return fenced ? this : new SiteState(siteId, role, epoch, true, activeSite, now, why, promotedWithoutLease);
    }

    public SiteState unfence(Instant now, String why) {
        return fenced ? new SiteState(siteId, role, epoch, false, activeSite, now, why, promotedWithoutLease) : this;
    }

    /** The epoch moved on elsewhere: this site's view is stale and it must not accept writes until told its role. */
    public boolean staleAgainst(long observedEpoch) {
        return observedEpoch > epoch;
    }

    private void requireHigherEpoch(String action, long newEpoch) {
        if (newEpoch <= epoch) {
            throw new IllegalSiteTransitionException("cannot " + action + " site " + siteId + " at epoch " + newEpoch
                    + ": every role change needs an epoch above the current " + epoch
                    + " (take it from the lease, e.g. " + (epoch + 1) + ")");
        }
    }
}
