package hotline.failover.controller;

import java.time.Instant;
import java.util.Optional;

import hotline.failover.decision.Decision;
import hotline.failover.decision.LocalFacts;
import hotline.failover.decision.ObservedView;
import hotline.failover.decision.PeerControllerReport;
import hotline.failover.switches.OpsSwitches;

/**
 * What one cycle saw and decided, published for {@code GET /api/controller/status} and the peer-report answer.
 *
 * @param switchesFresh false when the switch store did not answer this cycle (the switches are the last read)
 * @param answerToPeer  what this controller tells the peer controller when asked (failsafe)
 */
public record ControllerSnapshot(String site, Instant at, ObservedView view, LocalFacts facts, Decision decision,
                                 OpsSwitches switches, boolean switchesFresh, PeerControllerReport answerToPeer,
                                 Optional<String> procedure) {
}
