package hotline.failover.procedure;

import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static hotline.failover.procedure.Step.step;

/**
 * Planned switchover from the ACTIVE site to the STANDBY site, zero loss by construction.
 *
 * <ol>
 *   <li>{@code fenceActive}: stop writes at the active (writes in flight commit, later ones are refused). Refused when
 *       the stated active is not the lease holder at the stated epoch, or the standby is not a caught-up standby.</li>
 *   <li>{@code takePromotionToken}: the active's final WAL position after the fence (CloudNativePG's promotion
 *       token), remembered in the run; then a nudge (a heartbeat row upserted at the active) so the standby's CDC
 *       sees a change beyond the token now rather than at its next heartbeat.</li>
 *   <li>{@code awaitStandbyCaughtUp}: wait until the standby applied everything up to the token (its stored offset,
 *       or the active's slot for it, at or past the token: see {@link #standbyReached}), renewing the lease
 *       meanwhile so the pause is not taken for a dead active; aborts after {@code catchUpTimeout}.</li>
 *   <li>{@code moveLease}: compare-and-set the lease from the active (epoch e) to the standby (epoch e + 1).</li>
 *   <li>{@code promoteStandby}: the standby becomes ACTIVE at e + 1.</li>
 *   <li>{@code switchRouting}: every channel to the new active.</li>
 *   <li>{@code switchSeats}: the logged-in agents get the new active's seat plan.</li>
 *   <li>{@code demoteOldActive}: the old active becomes STANDBY of the new one at e + 1 (its fence is lifted: a
 *       standby takes no writes anyway).</li>
 *   <li>{@code confirmReverseReplication}: the old active streams the new active's changes.</li>
 * </ol>
 * Aborting before {@code moveLease} lifts the fence of the old active (it still holds the lease): nothing changed.
 * After {@code moveLease}, the only way is forward; an abort leaves the new active serving and says what is left.
 *
 * <p>Invariants: no write is accepted between the fence and the promotion (so the standby has everything
 * acknowledged: the catch-up and the lease move both re-check that the active is still fenced, since a fence the
 * active's own controller set, a self-fence, may be lifted by it); the standby is promoted only under a lease it holds at the new epoch; every step checks whether its
 * effect is already there before acting, so a restarted controller never repeats one.
 *
 * <p>Memo keys: {@value #FROM}, {@value #TO}, {@value #FROM_EPOCH} (given at start), {@value #TOKEN} (taken).
 */
public final class Switchover implements Procedure {

    public static final String KIND = "switchover";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String FROM_EPOCH = "fromEpoch";
    public static final String TOKEN = "promotionToken";

    private final SiteClient from;
    private final SiteClient to;
    private final LeaseStore leases;
    private final RoutingSwitch routing;
    private final Clock clock;
    private final Duration maxLag;
    private final Duration catchUpTimeout;
    private final Duration reverseReplicationTimeout;
    private final long fromEpoch;

    public Switchover(SiteClient from, SiteClient to, LeaseStore leases, RoutingSwitch routing, Clock clock,
                      Duration maxLag, Duration catchUpTimeout, Duration reverseReplicationTimeout, long fromEpoch) {
        this.from = from;
        this.to = to;
        this.leases = leases;
        this.routing = routing;
        this.clock = clock;
        this.maxLag = maxLag;
        this.catchUpTimeout = catchUpTimeout;
        this.reverseReplicationTimeout = reverseReplicationTimeout;
        this.fromEpoch = fromEpoch;
    }

    /** The memo a new run starts with: from, to, and the epoch the caller believes the active holds. */
    public static Map<String, String> params(String from, String to, long fromEpoch) {
        return Map.of(FROM, from, TO, to, FROM_EPOCH, Long.toString(fromEpoch));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Step> steps() {
        long newEpoch = fromEpoch + 1;
        return List.of(
                step("fenceActive")
                        .requires(memo -> statedActiveIsTheRealOne().or(this::standbyIsPromotable))
                        .doneWhen(memo -> from.status().fenced())
                        .run(memo -> {
                            from.fence("switchover to site " + to.site());
                            return StepResult.proceed();
                        }),
                step("takePromotionToken")
                        .doneWhen(memo -> memo.find(TOKEN).isPresent())
                        .run(memo -> {
                            memo.put(TOKEN, from.currentWalPosition());
                            from.nudgeReplication();
                            return StepResult.proceed("site " + from.site() + " stopped at WAL position " + memo.get(TOKEN));
                        }),
                step("awaitStandbyCaughtUp")
                        .requires(memo -> activeStillFencedAndLeaseHolder())
                        // still fenced, or the catch-up means nothing: the active's controller may have lifted a fence
                        // it took for its own self-fence (the precondition then aborts, nothing lost)
                        .doneWhen(memo -> from.status().fenced() && standbyReached(memo.getLong(TOKEN)))
                        .abortAfter(catchUpTimeout)
                        .run(memo -> {
                            keepLeaseFresh();
                            String seen = lastCatchUpSeen;
                            return StepResult.retryLater((seen != null ? seen : catchUpSeen(to.replication()))
                                    + ", waiting for " + memo.get(TOKEN));
                        }),
                step("moveLease")
                        .requires(memo -> activeStillFencedAndLeaseHolder())
                        .doneWhen(memo -> leaseHeldBy(to.site(), newEpoch).isEmpty())
                        .run(memo -> moveLease(newEpoch)),
                step("promoteStandby")
                        .requires(memo -> leaseHeldBy(to.site(), newEpoch))
                        .doneWhen(memo -> to.status().isActiveAt(newEpoch))
                        .run(memo -> {
                            to.promote(newEpoch, "switchover from site " + from.site());
                            return StepResult.proceed();
                        }),
                ProcedureSteps.switchRouting(routing, to.site()),
                ProcedureSteps.switchSeats(to, newEpoch),
                step("demoteOldActive")
                        .doneWhen(memo -> isStandbyOf(from.status(), to.site(), newEpoch))
                        .run(memo -> {
                            from.demote(newEpoch, to.site(), "switchover to site " + to.site());
                            return StepResult.proceed();
                        }),
                step("confirmReverseReplication")
                        .doneWhen(memo -> from.replication().cdcState() == hotline.failover.decision.CdcState.STREAMING)
                        .abortAfter(reverseReplicationTimeout)
                        .run(memo -> StepResult.retryLater("site " + from.site() + " does not stream from site "
                                + to.site() + " yet (CDC " + from.replication().cdcState() + ")")));
    }

    @Override
    public List<Step> onAbort() {
        return List.of(step("unfenceActiveIfLeaseNeverMoved")
                .doneWhen(memo -> leaseHeldBy(from.site(), fromEpoch).isPresent() || !from.status().fenced())
                .run(memo -> {
                    from.unfence("switchover to site " + to.site() + " aborted before the lease moved");
                    return StepResult.proceed("site " + from.site() + " unfenced: it still holds the lease");
                }));
    }

    /**
     * Whether the standby has applied every change the active committed before {@code token} (the active's
     * {@code pg_current_wal_lsn()} read after the fence committed; the fence's write guard makes every business
     * write that could still commit wait for it, so every acknowledged write lies below the token). Either is proof:
     * <ol>
     *   <li>the standby's stored offset ({@code lastAppliedLsn}, written in the same transaction as the applied rows)
     *       is at or past the token;</li>
     *   <li>the active's slot {@code hotline_to_<standby>} has {@code confirmed_flush_lsn} at or past the token (the
     *       standby confirms only what it applied and stored).</li>
     * </ol>
     * WAL written after the last replicated commit (checkpoints, unreplicated tables, the fence itself) is never
     * "applied", so neither position would move past the token on a quiet active if nothing replicated followed; the
     * standby's own CDC heartbeat ({@code replication_heartbeat}, written at the active every second and replicated,
     * not guarded by the fence) is what carries both past it, within about one heartbeat interval.
     */
    private boolean standbyReached(long token) {
        lastCatchUpSeen = null;
        ReplicationStatus replication = to.replication();
        if (replication.appliedUpTo(token)) {
            return true;
        }
        OptionalLong confirmed = from.confirmedFlushPosition(to.site());
        lastCatchUpSeen = catchUpSeen(replication, confirmed);
        return confirmed.isPresent() && confirmed.getAsLong() >= token;
    }

    /**
     * What the last unsuccessful catch-up check saw (the wait's reason sentence): kept so the wait does not ask both
     * sites again; every call is on the switchover's write pause.
     */
    private volatile String lastCatchUpSeen;

    private String catchUpSeen(ReplicationStatus replication) {
        OptionalLong confirmed;
        try {
            confirmed = from.confirmedFlushPosition(to.site());
        } catch (RuntimeException e) {
            return catchUpSeen(replication, null);
        }
        return catchUpSeen(replication, confirmed);
    }

    private String catchUpSeen(ReplicationStatus replication, OptionalLong confirmed) {
        String slot = confirmed == null ? "" : confirmed.isPresent() ? " (slot confirmed " + confirmed.getAsLong() + ")"
                : " (no slot for site " + to.site() + " at site " + from.site() + ")";
        return "site " + to.site() + " applied up to WAL position "
                + replication.lastAppliedLsn().map(String::valueOf).orElse("(none)") + slot;
    }

    private Optional<String> statedActiveIsTheRealOne() {
        Optional<String> lease = leaseHeldBy(from.site(), fromEpoch);
        if (lease.isPresent()) {
            return lease.map(why -> "site " + from.site() + " is not the real active: " + why);
        }
        SiteStatus active = from.status();
        if (!active.isActiveAt(fromEpoch)) {
            return Optional.of("site " + from.site() + " is " + active.role() + " at epoch " + active.epoch()
                    + ", not ACTIVE at epoch " + fromEpoch);
        }
        return Optional.empty();
    }

    private Optional<String> standbyIsPromotable() {
        SiteStatus standby = to.status();
        if (standby.role() != SiteRole.STANDBY) {
            return Optional.of("site " + to.site() + " is " + standby.role() + ", not a standby");
        }
        ReplicationStatus replication = to.replication();
        if (replication.cdcState() != hotline.failover.decision.CdcState.STREAMING) {
            return Optional.of("site " + to.site() + " CDC is " + replication.cdcState() + ", not STREAMING");
        }
        if (replication.lagSeconds() * 1000 > maxLag.toMillis()) {
            return Optional.of(String.format(java.util.Locale.ROOT, "site %s CDC lag %.1f s exceeds %.1f s",
                    to.site(), replication.lagSeconds(), maxLag.toMillis() / 1000.0));
        }
        return Optional.empty();
    }

    private Optional<String> activeStillFencedAndLeaseHolder() {
        if (!from.status().fenced()) {
            return Optional.of("site " + from.site() + " is no longer fenced: writes may have happened after the "
                    + "promotion token was taken");
        }
        return leaseHeldBy(from.site(), fromEpoch);
    }

    /** Empty when the lease names {@code site} at {@code epoch}; otherwise what it says instead. */
    private Optional<String> leaseHeldBy(String site, long epoch) {
        Optional<Lease> lease = leases.read();
        if (lease.isEmpty()) {
            return Optional.of("no lease is stored");
        }
        Lease l = lease.get();
        if (!l.holderSite().equals(site) || l.epoch() != epoch) {
            return Optional.of("the lease names site " + l.holderSite() + " at epoch " + l.epoch() + ", not site "
                    + site + " at epoch " + epoch);
        }
        return Optional.empty();
    }

    /** Renews the active's lease once a third of its duration has passed (not on every check: each is a witness write). */
    private void keepLeaseFresh() {
        java.time.Instant now = clock.instant();
        leases.read().filter(l -> l.holderSite().equals(from.site()) && l.epoch() == fromEpoch)
                .filter(l -> !l.renewedAt().plus(l.duration().dividedBy(3)).isAfter(now))
                .ifPresent(l -> leases.compareAndSet(l, l.renewed(now)));
    }

    private StepResult moveLease(long newEpoch) {
        Lease current = leases.read().orElseThrow();
        Optional<Lease> moved = leases.compareAndSet(current, current.takenOverBy(to.site(), clock.instant()));
        if (moved.isEmpty()) {
            return StepResult.retryLater("the lease changed while moving it to site " + to.site() + "; reading it again");
        }
        return StepResult.proceed("lease moved to site " + to.site() + " at epoch " + newEpoch);
    }

    private static boolean isStandbyOf(SiteStatus status, String activeSite, long epoch) {
        return status.role() == SiteRole.STANDBY && status.epoch() >= epoch && activeSite.equals(status.activeSite());
    }
}
