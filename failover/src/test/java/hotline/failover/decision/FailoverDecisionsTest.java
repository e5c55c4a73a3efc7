package hotline.failover.decision;

import hotline.failover.decision.Decision.AcquireLeaseAndPromote;
import hotline.failover.decision.Decision.Demote;
import hotline.failover.decision.Decision.Hold;
import hotline.failover.decision.Decision.LiftSelfFence;
import hotline.failover.decision.Decision.RenewLease;
import hotline.failover.decision.Decision.SelfFence;
import hotline.failover.decision.Decision.StartSwitchover;
import hotline.failover.decision.Decision.TakeLeaseOfPromotedSite;
import hotline.failover.lease.Lease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision table: each row is a situation seen by one site's controller (site a is the active one unless the row
 * says otherwise) and the action and reason sentence it must produce. Timings are the defaults: lease 10 s, renew
 * deadline 6 s, retry 1 s; promotion allowed up to 5 s of CDC lag.
 */
class FailoverDecisionsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T08:00:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final FailoverConfig CONFIG = FailoverConfig.DEFAULTS;

    private static final SiteObservation A_ACTIVE = SiteObservation.active("a", 7);
    private static final SiteObservation B_STANDBY = SiteObservation.standby("b", 7, CdcState.STREAMING, 0.1, 8812);
    private static final SiteObservation A_GONE = SiteObservation.unreachable("a");
    private static final SiteObservation B_GONE = SiteObservation.unreachable("b");

    /** Lease of site a at epoch 7, renewed {@code secondsAgo} before now (10 s duration). */
    private static LeaseReading leaseOfA(double secondsAgo) {
        Instant renewed = NOW.minusMillis(Math.round(secondsAgo * 1000));
        return LeaseReading.of(new Lease("a", 7, renewed.minusSeconds(3600), renewed, Duration.ofSeconds(10), "41"));
    }

    private static LeaseReading leaseOfB(int epoch, double secondsAgo) {
        Instant renewed = NOW.minusMillis(Math.round(secondsAgo * 1000));
        return LeaseReading.of(new Lease("b", epoch, renewed, renewed, Duration.ofSeconds(10), "42"));
    }

    private static final LeaseReading WITNESS_DOWN = LeaseReading.unreachable("connect timed out after 1 s");

    private static LocalFacts atA() {
        return LocalFacts.of("a", "b").lastRenewedAt(NOW.minusSeconds(1));
    }

    private static LocalFacts atB() {
        return LocalFacts.of("b", "a");
    }

    private static ObservedView view(SiteObservation local, SiteObservation peer, LeaseReading lease,
                                     PeerControllerReport peerController) {
        return new ObservedView(local, peer, lease, peerController);
    }

    static Stream<Arguments> decisionTable() {
        return Stream.of(
                row("healthy: the active renews its lease",
                        view(A_ACTIVE, B_STANDBY, leaseOfA(1), PeerControllerReport.promisesNotToTakeOver()), atA(),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7): site a is active; site b is standby, CDC STREAMING, lag 0.1 s"),
                row("healthy: the standby holds",
                        view(B_STANDBY, A_ACTIVE, leaseOfA(1), PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "site a holds the lease (epoch 7, renewed 1.0 s ago); site b is standby, CDC STREAMING, lag 0.1 s"),
                row("A dead: the standby takes the expired lease with epoch + 1 and promotes",
                        view(B_STANDBY, A_GONE, leaseOfA(14.2), PeerControllerReport.unreachable()), atB(),
                        AcquireLeaseAndPromote.class,
                        "promoting site b: lease of site a expired 4.2 s ago, CDC lag 0.1 s"),
                row("both sites restarted, A back fenced: B's controller, just started, lets A's controller renew first",
                        view(B_STANDBY, SiteObservation.active("a", 7).fencedCopy(), leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB().watchingSince(NOW.minusSeconds(2)),
                        Hold.class,
                        "not taking over yet: lease of site a expired 4.2 s ago, but this controller started watching 2.0 s ago; site a's controller gets one lease duration (10.0 s) to renew it first"),
                row("both sites restarted, nobody renewed within a lease duration of watching: B takes over",
                        view(B_STANDBY, SiteObservation.active("a", 7).fencedCopy(), leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB().watchingSince(NOW.minusSeconds(10)),
                        AcquireLeaseAndPromote.class,
                        "promoting site b: lease of site a expired 4.2 s ago, CDC lag 0.1 s"),
                row("A back fenced after a restart, holding its lease: renew, then lift the fence",
                        view(SiteObservation.active("a", 7).fencedCopy(), B_STANDBY, leaseOfA(14.2),
                                PeerControllerReport.promisesNotToTakeOver()), LocalFacts.of("a", "b"),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7) to lift its self-fence"),
                row("A dead: the lag that counts is the one last seen while A answered, not the silence since",
                        view(new SiteObservation("b", true, SiteRole.STANDBY, 7, false, false, CdcState.FAILED,
                                        java.util.Optional.of(14.0), java.util.Optional.of(8812L)), A_GONE, leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB().lagWhenActiveLastSeen(0.3),
                        AcquireLeaseAndPromote.class,
                        "promoting site b: lease of site a expired 4.2 s ago, CDC lag 0.3 s"),
                row("A partitioned from the witness only, inside its renew deadline: keeps serving, retries",
                        view(A_ACTIVE, B_STANDBY, WITNESS_DOWN, PeerControllerReport.promisesNotToTakeOver()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusSeconds(2)),
                        Hold.class,
                        "lease store unreachable (connect timed out after 1 s): site a keeps serving, last renewed 2.0 s ago, fences in 4.0 s unless a renewal succeeds"),
                row("A partitioned from the witness only, past its deadline: B's controller vouches, A keeps serving (failsafe)",
                        view(A_ACTIVE, B_STANDBY, WITNESS_DOWN, PeerControllerReport.promisesNotToTakeOver()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusMillis(6500)),
                        Hold.class,
                        "keeping site a active without the lease store: cannot renew the lease for 6.5 s (deadline 6.0 s), but site b's controller confirms it sees site a serving and will not take over (failsafe)"),
                row("A partitioned from the witness only: B sees the lease expire but A still serving, so B does not take over",
                        view(B_STANDBY, A_ACTIVE, leaseOfA(12), PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "not taking over: lease of site a expired 2.0 s ago but site a still answers as active and writable; it keeps serving without the lease store only while it can reach this controller"),
                row("A isolated from witness and B's controller: A fences itself at its renew deadline",
                        view(A_ACTIVE, B_GONE, WITNESS_DOWN, PeerControllerReport.unreachable()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusMillis(6000)),
                        SelfFence.class,
                        "fencing site a: cannot renew the lease for 6.0 s (deadline 6.0 s), the lease store is unreachable (connect timed out after 1 s) and site b's controller is unreachable"),
                row("A past its deadline and B's controller answers but has taken over: A fences itself",
                        view(A_ACTIVE, B_STANDBY, WITNESS_DOWN, new PeerControllerReport(true, true, true)),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusSeconds(7)),
                        SelfFence.class,
                        "fencing site a: cannot renew the lease for 7.0 s (deadline 6.0 s), the lease store is unreachable (connect timed out after 1 s) and site b's controller does not confirm it will not take over"),
                row("B partitioned: the active keeps renewing and says the standby is gone",
                        view(A_ACTIVE, B_GONE, leaseOfA(1), PeerControllerReport.unreachable()), atA(),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7): site a is active; site b is unreachable"),
                row("B partitioned: B's controller, without the witness, does nothing on its own",
                        view(B_STANDBY, A_GONE, WITNESS_DOWN, PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "no automatic failover: the lease store is unreachable (connect timed out after 1 s); site a is unreachable; if it is lost too, follow runbooks/failover-without-witness.md (ctl failover --force --without-witness)"),
                row("both lose the witness: A keeps serving because B's controller vouches",
                        view(A_ACTIVE, B_STANDBY, WITNESS_DOWN, PeerControllerReport.promisesNotToTakeOver()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusSeconds(20)),
                        Hold.class,
                        "keeping site a active without the lease store: cannot renew the lease for 20.0 s (deadline 6.0 s), but site b's controller confirms it sees site a serving and will not take over (failsafe)"),
                row("both lose the witness: B holds, no automatic failover",
                        view(B_STANDBY, A_ACTIVE, WITNESS_DOWN, PeerControllerReport.promisesNotToTakeOver()), atB(),
                        Hold.class,
                        "no automatic failover: the lease store is unreachable (connect timed out after 1 s); site a is active; if it is lost too, follow runbooks/failover-without-witness.md (ctl failover --force --without-witness)"),
                row("lag too high to promote safely",
                        view(SiteObservation.standby("b", 7, CdcState.STREAMING, 12.0, 8000), A_GONE, leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "not promoting site b: CDC lag 12.0 s exceeds the 5.0 s allowed for a promotion; lease of site a expired 4.2 s ago; follow runbooks/failover.md"),
                row("standby mid-resync is not a consistent copy",
                        view(SiteObservation.standby("b", 7, CdcState.RESYNCING, 0.0, 8000), A_GONE, leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "not promoting site b: its CDC is RESYNCING, not a consistent copy to promote; lease of site a expired 4.2 s ago; follow runbooks/failover.md"),
                row("standby whose lead replica has not reported lately (the app answers UNKNOWN) is not promoted",
                        view(new SiteObservation("b", true, SiteRole.STANDBY, 7, false, false, CdcState.UNKNOWN,
                                        Optional.empty(), Optional.of(8000L)), A_GONE, leaseOfA(14.2),
                                PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "not promoting site b: its CDC is UNKNOWN, not a consistent copy to promote; lease of site a expired 4.2 s ago; follow runbooks/failover.md"),
                row("paused: observe only",
                        view(B_STANDBY, A_GONE, leaseOfA(14.2), PeerControllerReport.unreachable()), atB().withPause(),
                        Hold.class,
                        "paused: lease of site a expired 4.2 s ago; would promote site b, taking no automatic action"),
                row("automatic failover disabled in configuration",
                        view(B_STANDBY, A_GONE, leaseOfA(14.2), PeerControllerReport.unreachable()), atB(),
                        Hold.class,
                        "automatic failover is disabled: lease of site a expired 4.2 s ago; follow runbooks/failover.md"),
                row("fenced by ops: the standby is not promoted",
                        view(B_STANDBY.fencedCopy(), A_GONE, leaseOfA(14.2), PeerControllerReport.unreachable()),
                        atB().withOperatorFence(),
                        Hold.class,
                        "not promoting site b: it is fenced by ops; lease of site a expired 4.2 s ago"),
                row("fenced by ops: the active keeps the lease but takes no writes",
                        view(A_ACTIVE.fencedCopy(), B_STANDBY, leaseOfA(1), PeerControllerReport.promisesNotToTakeOver()),
                        atA().withOperatorFence(),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7): site a is active and fenced by ops (no writes until unfenced); site b is standby, CDC STREAMING, lag 0.1 s"),
                row("self-fenced active with a freshly renewed lease lifts its fence",
                        view(A_ACTIVE.fencedCopy(), B_STANDBY, leaseOfA(0.5), PeerControllerReport.promisesNotToTakeOver()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusMillis(500)),
                        LiftSelfFence.class,
                        "lifting the self-fence of site a: its lease (epoch 7) was renewed 0.5 s ago"),
                row("an active whose own lease already expired fences before renewing",
                        view(A_ACTIVE, B_STANDBY, leaseOfA(11), PeerControllerReport.promisesNotToTakeOver()),
                        LocalFacts.of("a", "b").lastRenewedAt(NOW.minusSeconds(11)),
                        SelfFence.class,
                        "fencing site a before renewing: its lease (epoch 7) expired 1.0 s ago and site b may be taking it over"),
                row("the active's app does not answer: its controller stops renewing so the standby can take over",
                        view(A_GONE, B_STANDBY, leaseOfA(1), PeerControllerReport.promisesNotToTakeOver()), atA(),
                        Hold.class,
                        "not renewing the lease of site a: site a does not answer; the lease expires in 9.0 s so that site b can take over"),
                row("the old active comes back after a failover: demoted to the lease's epoch",
                        view(A_ACTIVE, SiteObservation.active("b", 8), leaseOfB(8, 1), PeerControllerReport.unreachable()),
                        LocalFacts.of("a", "b"),
                        Demote.class,
                        "demoting site a: site b holds the lease at epoch 8 and site a is still active at epoch 7"),
                row("a site active at the lease's epoch while the peer holds it: split brain suspected, fence",
                        view(SiteObservation.active("a", 8), SiteObservation.active("b", 8), leaseOfB(8, 1),
                                PeerControllerReport.unreachable()), LocalFacts.of("a", "b"),
                        SelfFence.class,
                        "fencing site a: site b holds the lease at epoch 8 while site a is active at epoch 8: split brain suspected, see runbooks/split-brain-suspected.md"),
                row("first start: the active creates the lease",
                        view(SiteObservation.active("a", 1), B_STANDBY, LeaseReading.none(), PeerControllerReport.unreachable()),
                        LocalFacts.of("a", "b"),
                        RenewLease.class,
                        "creating the lease for site a at epoch 1: no lease is stored yet and site a is active"),
                row("a persisted procedure resumes before any new decision",
                        view(B_STANDBY, A_GONE, leaseOfA(14.2), PeerControllerReport.unreachable()),
                        atB().procedureRunning("failover 17 at step promoteStandby"),
                        Hold.class,
                        "failover 17 at step promoteStandby is in progress: it resumes from its persisted progress before any new decision"),
                row("switchover requested and the standby is caught up: start it",
                        view(A_ACTIVE, B_STANDBY, leaseOfA(1), PeerControllerReport.promisesNotToTakeOver()),
                        atA().switchoverRequested("b"),
                        StartSwitchover.class,
                        "switching over from site a to site b: site b is standby, CDC STREAMING, lag 0.1 s"),
                row("switchover requested but the standby lags: refused, the lease is still renewed",
                        view(A_ACTIVE, SiteObservation.standby("b", 7, CdcState.STREAMING, 9.5, 8000), leaseOfA(1),
                                PeerControllerReport.promisesNotToTakeOver()), atA().switchoverRequested("b"),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7): site a is active; site b is standby, CDC STREAMING, lag 9.5 s; switchover to site b refused: CDC lag 9.5 s exceeds the 5.0 s allowed for a promotion"),
                row("switchover to the site that is already active is a no-op",
                        view(A_ACTIVE, B_STANDBY, leaseOfA(1), PeerControllerReport.promisesNotToTakeOver()),
                        atA().switchoverRequested("a"),
                        RenewLease.class,
                        "renewing the lease of site a (epoch 7): site a is active; site b is standby, CDC STREAMING, lag 0.1 s; switchover to site a refused: site a is already the active site, nothing to do"),
                row("A and the witness lost, ops promoted B without the lease: B keeps serving while the store is down",
                        view(B_WITHOUT_LEASE, A_GONE, WITNESS_DOWN, PeerControllerReport.unreachable()),
                        atB().lastRenewedAt(NOW.minusSeconds(600)),
                        Hold.class,
                        "site b keeps serving without the lease store (connect timed out after 1 s): ops promoted it at epoch 8 without the lease (failover --without-witness); this controller takes the lease as soon as the store answers"),
                row("the witness is back, A's lease expired: B takes the lease at the epoch it was promoted at",
                        view(B_WITHOUT_LEASE, A_GONE, leaseOfA(600), PeerControllerReport.unreachable()), atB(),
                        TakeLeaseOfPromotedSite.class,
                        "taking the lease for site b at epoch 8: ops promoted site b at epoch 8 without the lease (failover --without-witness); site a's lease (epoch 7) expired 590.0 s ago"),
                row("the witness is back but A still renews its lease: B, promoted without the lease, is fenced",
                        view(B_WITHOUT_LEASE, A_ACTIVE, leaseOfA(1), PeerControllerReport.unreachable()), atB(),
                        SelfFence.class,
                        "fencing site b: ops promoted site b at epoch 8 without the lease (failover --without-witness), but site a still renews its lease (epoch 7, renewed 1.0 s ago): split brain suspected, see runbooks/split-brain-suspected.md"),
                row("A back fenced while B serves at a newer epoch: A's controller neither renews nor lifts the fence",
                        view(SiteObservation.active("a", 7).fencedCopy(), B_WITHOUT_LEASE, leaseOfA(600),
                                PeerControllerReport.unreachable()), LocalFacts.of("a", "b"),
                        Hold.class,
                        "not renewing the lease of site a and keeping it fenced: site b serves writes at epoch 8, above this lease (site a, epoch 7): ops promoted it without the lease, and its controller takes the lease"),
                row("A still serving while B serves at a newer epoch: A fences itself",
                        view(A_ACTIVE, B_WITHOUT_LEASE, leaseOfA(1), PeerControllerReport.unreachable()), atA(),
                        SelfFence.class,
                        "fencing site a: site b serves writes at epoch 8, above this lease (site a, epoch 7): ops promoted it without the lease, and its controller takes the lease"),
                row("the lease is B's again at its epoch: renewing it as usual",
                        view(SiteObservation.active("b", 8), A_GONE, leaseOfB(8, 1), PeerControllerReport.unreachable()),
                        atB().lastRenewedAt(NOW.minusSeconds(1)),
                        RenewLease.class,
                        "renewing the lease of site b (epoch 8): site b is active; site a is unreachable"));
    }

    private static final SiteObservation B_WITHOUT_LEASE = SiteObservation.activeWithoutLease("b", 8);

    private static Arguments row(String situation, ObservedView view, LocalFacts facts,
                                 Class<? extends Decision> action, String reason) {
        return Arguments.of(situation, view, facts, action, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTable")
    void decidesTheActionAndExplainsIt(String situation, ObservedView view, LocalFacts facts,
                                       Class<? extends Decision> action, String reason) {
        FailoverConfig config = situation.startsWith("automatic failover disabled") ? CONFIG.withAutoFailover(false) : CONFIG;

        Decision decision = FailoverDecisions.decide(view, facts, config, CLOCK);

        assertThat(decision).as(situation).isInstanceOf(action);
        assertThat(decision.reason()).as(situation).isEqualTo(reason);
    }

    @org.junit.jupiter.api.Test
    void takesOverAboveEveryEpochItHasSeen() {
        ObservedView view = view(SiteObservation.standby("b", 9, CdcState.STREAMING, 0.1, 1), A_GONE, leaseOfA(14.2),
                PeerControllerReport.unreachable());

        Decision decision = FailoverDecisions.decide(view, atB(), CONFIG, CLOCK);

        assertThat(decision).isEqualTo(new AcquireLeaseAndPromote("b", "a", 10,
                "promoting site b: lease of site a expired 4.2 s ago, CDC lag 0.1 s"));
    }

    @org.junit.jupiter.api.Test
    void promisesThePeerNotToTakeOverOnlyWhileItSeesThePeerServing() {
        ObservedView seesA = view(B_STANDBY, A_ACTIVE, WITNESS_DOWN, PeerControllerReport.unreachable());
        ObservedView lostA = view(B_STANDBY, A_GONE, WITNESS_DOWN, PeerControllerReport.unreachable());
        ObservedView holdsLease = view(B_STANDBY, A_ACTIVE, leaseOfB(8, 1), PeerControllerReport.unreachable());

        assertThat(FailoverDecisions.answerPeer(seesA, atB()).confirmsItWillNotTakeOver()).isTrue();
        assertThat(FailoverDecisions.answerPeer(lostA, atB()).confirmsItWillNotTakeOver()).isFalse();
        assertThat(FailoverDecisions.answerPeer(holdsLease, atB()).confirmsItWillNotTakeOver()).isFalse();
    }
}
