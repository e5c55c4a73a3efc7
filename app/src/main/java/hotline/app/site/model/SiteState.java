package hotline.app.site.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One site's role, epoch and fence, as durably recorded in its own database.
 *
 * <p>Invariants: every role change carries a strictly higher epoch (so no two sites accept writes in the
 * same epoch); a standby always names the active site; a fenced site accepts no writes whatever its role.
 * Transitions that break them throw {@link IllegalSiteTransitionException} with what to do instead.
 */
public record SiteState(String siteId, SiteRole role, long epoch, boolean fenced, String activeSite,
                        Instant changedAt, String reason) {

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
    }

    public static SiteState initial(String siteId, SiteRole role, long epoch, String activeSite, Instant now) {
        return new SiteState(siteId, role, epoch, false, role == SiteRole.ACTIVE ? siteId : activeSite, now,
                "initial role from configuration");
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
        return new SiteState(siteId, SiteRole.ACTIVE, newEpoch, false, siteId, now, why);
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
        return new SiteState(siteId, SiteRole.STANDBY, newEpoch, false, newActiveSite, now, why);
    }

    /** Stops writes without changing the role (human off-switch, or self-fencing when the lease is lost). */
    public SiteState fence(Instant now, String why) {
        return fenced ? this : new SiteState(siteId, role, epoch, true, activeSite, now, why);
    }

    public SiteState unfence(Instant now, String why) {
        return fenced ? new SiteState(siteId, role, epoch, false, activeSite, now, why) : this;
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
