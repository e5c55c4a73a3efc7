package hotline.failover.lease;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease naming the ACTIVE site. {@code resourceVersion} is the store's opaque compare-and-set token
 * ({@code null} before the lease was stored).
 *
 * <p>Invariant: every change of holder bumps {@code epoch} ({@link #takenOverBy}); a renewal keeps it
 * ({@link #renewed}). Sites refuse writes from a stale epoch, so the epoch is what makes a take-over final.
 */
public record Lease(String holderSite, long epoch, Instant acquiredAt, Instant renewedAt,
                    Duration duration, String resourceVersion) {

    /** True once {@code renewedAt + duration} is not after {@code now}: anyone may then take it over. */
    public boolean expiredAt(Instant now) {
        return !renewedAt.plus(duration).isAfter(now);
    }

    /** The same holder and epoch, renewed at {@code now}. */
    public Lease renewed(Instant now) {
        return new Lease(holderSite, epoch, acquiredAt, now, duration, resourceVersion);
    }

    /** {@code site} takes the lease over at {@code now}: the epoch goes up by one. */
    public Lease takenOverBy(String site, Instant now) {
        return new Lease(site, epoch + 1, now, now, duration, resourceVersion);
    }
}
