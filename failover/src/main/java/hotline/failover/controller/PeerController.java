package hotline.failover.controller;

import hotline.failover.decision.PeerControllerReport;

/** The other site's controller, asked once per cycle what it sees of {@code askingSite} (failsafe exchange). */
@FunctionalInterface
public interface PeerController {

    PeerControllerReport ask(String askingSite);
}
