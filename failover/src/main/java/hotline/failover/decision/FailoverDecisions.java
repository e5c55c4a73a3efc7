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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one decision function of a site's controller (Patroni's HA cycle): observed view + local facts + config +
 * clock → one {@link Decision} with its reason sentence. Pure: no I/O, no framework, no hidden state.
 *
 * <p>Evaluated in this order, the first that applies wins:
 * <ol>
 *   <li><b>A procedure is in progress</b> → hold: the persisted step chain resumes first.</li>
 *   <li><b>The lease store does not answer.</b> An ACTIVE site still inside its renew deadline holds (retries). Past
 *       the deadline it keeps serving only if the peer controller confirms it sees this site serving and will not
 *       take over (Patroni {@code failsafe_mode}); otherwise it fences itself. A standby holds: no automatic failover
 *       without the lease authority (the manual runbook forces it).</li>
 *   <li><b>No lease stored yet</b> → the unfenced ACTIVE site creates it at its epoch; a standby waits.</li>
 *   <li><b>The lease names this site.</b> Site unreachable → stop renewing (let the peer take over). A serving site
 *       whose lease already expired → fence first (someone may be taking it), renew next. Otherwise renew; a
 *       self-fenced site with a freshly renewed lease lifts its fence. A requested switchover starts here when its
 *       preconditions hold, and is refused with its reason (while still renewing) when they do not.</li>
 *   <li><b>The lease names the peer.</b> This site acting ACTIVE at an older epoch → demote; at the same or a newer
 *       epoch → fence (split brain suspected). A valid lease → hold. An expired lease → promote this site with
 *       epoch + 1 only if it answers, the peer is not still serving writes, nobody paused or disabled automatic
 *       failover, ops did not fence it, CDC is a consistent copy, and the lag when the active was last seen is
 *       within the configured maximum; otherwise hold and say which of those failed.</li>
 * </ol>
 *
 * <p>A site ops promoted without the lease (the active site and the lease store lost together) keeps serving while the
 * store does not answer, takes the expired lease at its own epoch once it does, and is fenced if the old holder still
 * renews it; the old holder's controller, seeing the peer serve at an epoch above its lease, neither renews nor
 * lifts its fence.
 *
 * <p>Invariants: a site accepting writes without a lease it renewed within the renew deadline is fenced unless the
 * peer controller vouches that it will not take over; a take-over always bumps the epoch above every epoch observed;
 * any missing figure (unreachable site, unknown CDC state or lag) makes the decision hold or fence, never promote.
 */
public final class FailoverDecisions {

    private FailoverDecisions() {
    }

    public static Decision decide(ObservedView view, LocalFacts facts, FailoverConfig config, Clock clock) {
        Instant now = clock.instant();
        if (facts.procedureInProgress().isPresent()) {
            return new Hold(facts.procedureInProgress().get()
                    + " is in progress: it resumes from its persisted progress before any new decision");
        }
        LeaseReading reading = view.lease();
        if (reading instanceof LeaseReading.StoreUnreachable unreachable) {
            return withoutLeaseStore(view, facts, config, now, unreachable.detail());
        }
        if (reading instanceof LeaseReading.NoneStored) {
            return beforeFirstLease(view, facts);
        }
        Lease lease = ((LeaseReading.Stored) reading).lease();
        if (lease.holderSite().equals(facts.site())) {
            return whileHoldingTheLease(view, facts, config, now, lease);
        }
        return whilePeerHoldsTheLease(view, facts, config, now, lease);
    }

    /**
     * The answer this controller gives when the peer's controller asks (the failsafe exchange): whether it sees the
     * peer's site serving, and whether it has taken or is about to take the lease. It only promises not to take over
     * while it sees the peer serving writes, which is exactly when {@link #decide} holds instead of promoting.
     */
    public static PeerControllerReport answerPeer(ObservedView view, LocalFacts facts) {
        boolean holdsLease = view.lease() instanceof LeaseReading.Stored stored
                && stored.lease().holderSite().equals(facts.site());
        return new PeerControllerReport(true, view.peer().isServingWrites(), holdsLease || view.local().isServingWrites());
    }

    private static Decision withoutLeaseStore(ObservedView view, LocalFacts facts, FailoverConfig config, Instant now,
                                              String detail) {
        String me = facts.site();
        SiteObservation local = view.local();
        if (!local.isServingWrites()) {
            if (local.isActive()) {
                return new Hold("site " + me + " stays fenced: the lease store is unreachable (" + detail + ")");
            }
            return new Hold("no automatic failover: the lease store is unreachable (" + detail + "); site "
                    + facts.peerSite() + " is " + describe(view.peer())
                    + "; if it is lost too, follow runbooks/failover-without-witness.md (ctl failover --force --without-witness)");
        }
        if (local.promotedWithoutLease()) {
            return new Hold("site " + me + " keeps serving without the lease store (" + detail + "): ops promoted it at "
                    + "epoch " + local.epoch() + " without the lease (failover --without-witness); this controller "
                    + "takes the lease as soon as the store answers");
        }
        Duration deadline = config.timings().renewDeadline();
        Optional<Duration> sinceRenewal = facts.lastRenewal().map(at -> Duration.between(at, now));
        if (sinceRenewal.isPresent() && sinceRenewal.get().compareTo(deadline) < 0) {
            return new Hold("lease store unreachable (" + detail + "): site " + me + " keeps serving, last renewed "
                    + seconds(sinceRenewal.get()) + " ago, fences in " + seconds(deadline.minus(sinceRenewal.get()))
                    + " unless a renewal succeeds");
        }
        String unrenewed = sinceRenewal.map(d -> "cannot renew the lease for " + seconds(d) + " (deadline "
                + seconds(deadline) + ")").orElse("has not renewed the lease since this controller started");
        PeerControllerReport peer = view.peerController();
        if (peer.confirmsItWillNotTakeOver()) {
            return new Hold("keeping site " + me + " active without the lease store: " + unrenewed + ", but site "
                    + facts.peerSite() + "'s controller confirms it sees site " + me
                    + " serving and will not take over (failsafe)");
        }
        String peerSays = !peer.reachable() ? "site " + facts.peerSite() + "'s controller is unreachable"
                : "site " + facts.peerSite() + "'s controller does not confirm it will not take over";
        return new SelfFence(me, "fencing site " + me + ": " + unrenewed + ", the lease store is unreachable ("
                + detail + ") and " + peerSays);
    }

    private static Decision beforeFirstLease(ObservedView view, LocalFacts facts) {
        SiteObservation local = view.local();
        if (local.isActive() && !local.fenced()) {
            return new RenewLease(facts.site(), local.epoch(), "creating the lease for site " + facts.site()
                    + " at epoch " + local.epoch() + ": no lease is stored yet and site " + facts.site() + " is active");
        }
        return new Hold("no lease is stored yet: waiting for the active site to create it");
    }

    private static Decision whileHoldingTheLease(ObservedView view, LocalFacts facts, FailoverConfig config,
                                                 Instant now, Lease lease) {
        String me = facts.site();
        SiteObservation local = view.local();
        if (!local.reachable()) {
            return new Hold("not renewing the lease of site " + me + ": site " + me + " does not answer; the lease "
                    + (lease.expiredAt(now) ? "expired " + seconds(Duration.between(expiry(lease), now)) + " ago"
                    : "expires in " + seconds(Duration.between(now, expiry(lease))))
                    + " so that site " + facts.peerSite() + " can take over");
        }
        if (local.role() != SiteRole.ACTIVE || lease.epoch() > local.epoch()) {
            return new Hold("the lease names site " + me + " at epoch " + lease.epoch() + " but site " + me + " is "
                    + local.role() + " at epoch " + local.epoch() + ": a procedure stopped after moving the lease; "
                    + "resume it (ctl status shows it) or follow runbooks/failover.md");
        }
        SiteObservation peer = view.peer();
        if (peer.isServingWrites() && peer.epoch() > lease.epoch()) {
            String why = "site " + facts.peerSite() + " serves writes at epoch " + peer.epoch() + ", above this lease "
                    + "(site " + me + ", epoch " + lease.epoch() + ")" + (peer.promotedWithoutLease()
                    ? ": ops promoted it without the lease, and its controller takes the lease" : "");
            if (local.isServingWrites()) {
                return new SelfFence(me, "fencing site " + me + ": " + why);
            }
            return new Hold("not renewing the lease of site " + me + " and keeping it fenced: " + why);
        }
        if (lease.epoch() < local.epoch()) {
            return fenceIfServing(local, "site " + me + " is active at epoch " + local.epoch()
                    + " but its lease says epoch " + lease.epoch() + ": the lease store is behind the sites; "
                    + "see runbooks/split-brain-suspected.md");
        }
        if (local.isServingWrites() && lease.expiredAt(now)) {
            return new SelfFence(me, "fencing site " + me + " before renewing: its lease (epoch " + lease.epoch()
                    + ") expired " + seconds(Duration.between(expiry(lease), now)) + " ago and site "
                    + facts.peerSite() + " may be taking it over");
        }
        if (local.fenced() && !facts.fencedByOperator()) {
            Optional<Duration> sinceRenewal = facts.lastRenewal().map(at -> Duration.between(at, now));
            if (sinceRenewal.isPresent() && sinceRenewal.get().compareTo(config.timings().renewDeadline()) < 0
                    && !lease.expiredAt(now)) {
                return new LiftSelfFence(me, "lifting the self-fence of site " + me + ": its lease (epoch "
                        + lease.epoch() + ") was renewed " + seconds(sinceRenewal.get()) + " ago");
            }
            return new RenewLease(me, lease.epoch(), "renewing the lease of site " + me + " (epoch " + lease.epoch()
                    + ") to lift its self-fence");
        }
        String renewing = "renewing the lease of site " + me + " (epoch " + lease.epoch() + "): site " + me + " is "
                + (facts.fencedByOperator() ? "active and fenced by ops (no writes until unfenced)" : "active")
                + "; site " + facts.peerSite() + " is " + describe(view.peer());
        if (facts.switchoverRequestedTo().isPresent()) {
            String to = facts.switchoverRequestedTo().get();
            Optional<String> refusal = switchoverRefusal(view, facts, config, to);
            if (refusal.isEmpty()) {
                return new StartSwitchover(me, to, "switching over from site " + me + " to site " + to + ": site "
                        + to + " is " + describe(view.peer()));
            }
            return new RenewLease(me, lease.epoch(), renewing + "; switchover to site " + to + " refused: "
                    + refusal.get());
        }
        return new RenewLease(me, lease.epoch(), renewing);
    }

    private static Optional<String> switchoverRefusal(ObservedView view, LocalFacts facts, FailoverConfig config,
                                                      String to) {
        if (to.equals(facts.site())) {
            return Optional.of("site " + to + " is already the active site, nothing to do");
        }
        if (!to.equals(facts.peerSite())) {
            return Optional.of("site " + to + " is not a site of this installation (sites: " + facts.site() + ", "
                    + facts.peerSite() + ")");
        }
        SiteObservation target = view.peer();
        if (!target.reachable()) {
            return Optional.of("site " + to + " does not answer");
        }
        if (target.role() != SiteRole.STANDBY) {
            return Optional.of("site " + to + " is " + target.role() + ", not a standby");
        }
        if (facts.fencedByOperator() || target.fenced()) {
            return Optional.of("a site is fenced by ops; unfence it first");
        }
        return unsafeToPromote(target, target.lagSeconds(), config);
    }

    private static Decision whilePeerHoldsTheLease(ObservedView view, LocalFacts facts, FailoverConfig config,
                                                   Instant now, Lease lease) {
        String me = facts.site();
        String holder = lease.holderSite();
        SiteObservation local = view.local();
        if (local.isActive()) {
            if (local.promotedWithoutLease() && local.epoch() > lease.epoch()) {
                String promoted = "ops promoted site " + me + " at epoch " + local.epoch()
                        + " without the lease (failover --without-witness)";
                if (lease.expiredAt(now)) {
                    return new TakeLeaseOfPromotedSite(me, holder, local.epoch(), "taking the lease for site " + me
                            + " at epoch " + local.epoch() + ": " + promoted + "; site " + holder + "'s lease (epoch "
                            + lease.epoch() + ") expired " + seconds(Duration.between(expiry(lease), now)) + " ago");
                }
                return fenceIfServing(local, promoted + ", but site " + holder + " still renews its lease (epoch "
                        + lease.epoch() + ", renewed " + seconds(Duration.between(lease.renewedAt(), now))
                        + " ago): split brain suspected, see runbooks/split-brain-suspected.md");
            }
            if (lease.epoch() > local.epoch()) {
                return new Demote(me, lease.epoch(), holder, "demoting site " + me + ": site " + holder
                        + " holds the lease at epoch " + lease.epoch() + " and site " + me + " is still active at epoch "
                        + local.epoch());
            }
            return fenceIfServing(local, "site " + holder + " holds the lease at epoch " + lease.epoch()
                    + " while site " + me + " is active at epoch " + local.epoch()
                    + ": split brain suspected, see runbooks/split-brain-suspected.md");
        }
        if (!lease.expiredAt(now)) {
            return new Hold("site " + holder + " holds the lease (epoch " + lease.epoch() + ", renewed "
                    + seconds(Duration.between(lease.renewedAt(), now)) + " ago); site " + me + " is "
                    + describe(local));
        }
        String expired = "lease of site " + holder + " expired " + seconds(Duration.between(expiry(lease), now)) + " ago";
        if (!local.reachable()) {
            return new Hold("cannot promote site " + me + ": " + expired + " but site " + me + " does not answer");
        }
        if (view.peer().isServingWrites()) {
            return new Hold("not taking over: " + expired + " but site " + holder + " still answers as active and "
                    + "writable; it keeps serving without the lease store only while it can reach this controller");
        }
        Duration watching = Duration.between(facts.watchingSince(), now);
        if (watching.compareTo(config.timings().leaseDuration()) < 0) {
            return new Hold("not taking over yet: " + expired + ", but this controller started watching "
                    + seconds(watching) + " ago; site " + holder + "'s controller gets one lease duration ("
                    + seconds(config.timings().leaseDuration()) + ") to renew it first");
        }
        if (facts.paused()) {
            return new Hold("paused: " + expired + "; would promote site " + me + ", taking no automatic action");
        }
        if (!config.autoFailoverEnabled()) {
            return new Hold("automatic failover is disabled: " + expired + "; follow runbooks/failover.md");
        }
        if (facts.fencedByOperator() || local.fenced()) {
            return new Hold("not promoting site " + me + ": it is fenced by ops; " + expired);
        }
        Optional<Double> lag = facts.peerLagWhenLastSeen().or(local::lagSeconds);
        Optional<String> unsafe = unsafeToPromote(local, lag, config);
        if (unsafe.isPresent()) {
            return new Hold("not promoting site " + me + ": " + unsafe.get() + "; " + expired
                    + "; follow runbooks/failover.md");
        }
        long newEpoch = Math.max(lease.epoch(), Math.max(local.epoch(), view.peer().epoch())) + 1;
        return new AcquireLeaseAndPromote(me, holder, newEpoch, "promoting site " + me + ": " + expired
                + ", CDC lag " + seconds(lag.get()));
    }

    /** Why the standby {@code site} must not be promoted automatically, if it must not. */
    private static Optional<String> unsafeToPromote(SiteObservation site, Optional<Double> lag, FailoverConfig config) {
        if (!site.cdcState().promotable()) {
            return Optional.of("its CDC is " + site.cdcState() + ", not a consistent copy to promote");
        }
        if (lag.isEmpty()) {
            return Optional.of("its CDC lag is unknown");
        }
        double max = config.maxLagToPromote().toMillis() / 1000.0;
        if (lag.get() > max) {
            return Optional.of("CDC lag " + seconds(lag.get()) + " exceeds the " + seconds(max)
                    + " allowed for a promotion");
        }
        return Optional.empty();
    }

    private static Decision fenceIfServing(SiteObservation local, String why) {
        if (local.isServingWrites()) {
            return new SelfFence(local.site(), "fencing site " + local.site() + ": " + why);
        }
        return new Hold("site " + local.site() + " stays fenced: " + why);
    }

    private static String describe(SiteObservation site) {
        if (!site.reachable()) {
            return "unreachable";
        }
        StringBuilder text = new StringBuilder(site.role() == SiteRole.ACTIVE ? "active" : "standby");
        if (site.fenced()) {
            text.append(" (fenced)");
        }
        if (site.role() == SiteRole.STANDBY) {
            text.append(", CDC ").append(site.cdcState());
            site.lagSeconds().ifPresent(lag -> text.append(", lag ").append(seconds(lag)));
        }
        return text.toString();
    }

    private static Instant expiry(Lease lease) {
        return lease.renewedAt().plus(lease.duration());
    }

    static String seconds(Duration duration) {
        return seconds(duration.toMillis() / 1000.0);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
