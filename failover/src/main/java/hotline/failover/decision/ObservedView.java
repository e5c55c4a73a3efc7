package hotline.failover.decision;

import java.util.Objects;

/**
 * Everything one controller observed in one cycle, from its own site's point of view: its own site, the other site,
 * the lease as read from the store (or that the store did not answer), and what the other site's controller said.
 */
public record ObservedView(SiteObservation local, SiteObservation peer, LeaseReading lease,
                           PeerControllerReport peerController) {

    public ObservedView {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(peerController, "peerController");
    }
}
