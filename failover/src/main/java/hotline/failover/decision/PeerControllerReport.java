package hotline.failover.decision;

/**
 * What the other site's controller said when asked in this cycle (Patroni's {@code failsafe_mode} exchange): whether
 * it answered at all, whether it can see this controller's site serving, and whether it promises not to take the
 * lease over while it does.
 *
 * <p>Only {@link #confirmsItWillNotTakeOver()} lets an ACTIVE site keep serving past its renew deadline without the
 * lease store: the peer has not taken over and will not while it sees the active.
 */
public record PeerControllerReport(boolean reachable, boolean seesYourSiteServing, boolean tookOverOrWill) {

    public static PeerControllerReport unreachable() {
        return new PeerControllerReport(false, false, false);
    }

    /** The peer answered: it sees the asking site serving and has not taken (and will not take) the lease. */
    public static PeerControllerReport promisesNotToTakeOver() {
        return new PeerControllerReport(true, true, false);
    }

    public boolean confirmsItWillNotTakeOver() {
        return reachable && seesYourSiteServing && !tookOverOrWill;
    }
}
