package hotline.failover.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What this controller knows that is not observed from outside: who it is, the human switches, and its own memory.
 *
 * @param site                 this controller's site id
 * @param peerSite             the other site's id
 * @param paused               automatic failover paused by ops: observe and report only
 * @param fencedByOperator     ops fenced this site ({@code ctl fence}): no automatic action lifts it
 * @param lastRenewal          when this controller last wrote the lease successfully (created, renewed or took it);
 *                             empty when it never did since it started
 * @param peerLagWhenLastSeen  this site's CDC lag as last observed while the active site still answered: once the
 *                             active is gone, the standby's reported lag grows with the silence and no longer
 *                             measures how far behind it was
 * @param procedureInProgress  a persisted procedure (switchover, failover) not finished yet, e.g. "switchover 17 at
 *                             step promoteStandby": it resumes first, no new decision interferes
 * @param switchoverRequestedTo ops asked for a switchover to this site ({@code ctl switchover --to})
 * @param watchingSince        when this controller started watching: a controller that just started takes over an
 *                             expired lease only after watching it for one lease duration, so that the holder's
 *                             controller, starting at the same time (both sites restarted), renews it first
 */
public record LocalFacts(String site, String peerSite, boolean paused, boolean fencedByOperator,
                         Optional<Instant> lastRenewal, Optional<Double> peerLagWhenLastSeen,
                         Optional<String> procedureInProgress, Optional<String> switchoverRequestedTo,
                         Instant watchingSince) {

    public LocalFacts {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(peerSite, "peerSite");
        Objects.requireNonNull(lastRenewal, "lastRenewal");
        Objects.requireNonNull(peerLagWhenLastSeen, "peerLagWhenLastSeen");
        Objects.requireNonNull(procedureInProgress, "procedureInProgress");
        Objects.requireNonNull(switchoverRequestedTo, "switchoverRequestedTo");
        Objects.requireNonNull(watchingSince, "watchingSince");
        if (site.equals(peerSite)) {
            throw new IllegalArgumentException("site and peer site must differ, both were " + site);
        }
    }

    /** Controller of {@code site} with nothing remembered and no switch set, watching since long ago. */
    public static LocalFacts of(String site, String peerSite) {
        return new LocalFacts(site, peerSite, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Instant.EPOCH);
    }

    public LocalFacts watchingSince(Instant since) {
        return new LocalFacts(site, peerSite, paused, fencedByOperator, lastRenewal, peerLagWhenLastSeen,
                procedureInProgress, switchoverRequestedTo, since);
    }

    public LocalFacts lastRenewedAt(Instant at) {
        return new LocalFacts(site, peerSite, paused, fencedByOperator, Optional.of(at), peerLagWhenLastSeen,
                procedureInProgress, switchoverRequestedTo, watchingSince);
    }

    public LocalFacts withPause() {
        return new LocalFacts(site, peerSite, true, fencedByOperator, lastRenewal, peerLagWhenLastSeen,
                procedureInProgress, switchoverRequestedTo, watchingSince);
    }

    public LocalFacts withOperatorFence() {
        return new LocalFacts(site, peerSite, paused, true, lastRenewal, peerLagWhenLastSeen, procedureInProgress,
                switchoverRequestedTo, watchingSince);
    }

    public LocalFacts lagWhenActiveLastSeen(double seconds) {
        return new LocalFacts(site, peerSite, paused, fencedByOperator, lastRenewal, Optional.of(seconds),
                procedureInProgress, switchoverRequestedTo, watchingSince);
    }

    public LocalFacts procedureRunning(String description) {
        return new LocalFacts(site, peerSite, paused, fencedByOperator, lastRenewal, peerLagWhenLastSeen,
                Optional.of(description), switchoverRequestedTo, watchingSince);
    }

    public LocalFacts switchoverRequested(String to) {
        return new LocalFacts(site, peerSite, paused, fencedByOperator, lastRenewal, peerLagWhenLastSeen,
                procedureInProgress, Optional.of(to), watchingSince);
    }
}
