package hotline.failover.procedure;

import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteStatus;
import hotline.failover.site.SiteUnreachableException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static hotline.failover.procedure.Step.step;

/**
 * Unplanned failover: the standby's controller takes the lease of a lost active and promotes its own site.
 *
 * <ol>
 *   <li>{@code acquireLease}: compare-and-set the lease from the lost active (epoch e) to this site (epoch e + 1).
 *       Refused while the lease is still valid, unless the run is forced (recorded: who forced it, in the run's
 *       {@code startedBy}); aborted when someone else changed the lease first.</li>
 *   <li>{@code fenceLostActive}: if the old active answers at all, fence it (it already fenced itself at its renew
 *       deadline, and refuses writes of a stale epoch: this is belt and braces). Unreachable is fine.</li>
 *   <li>{@code drainReplication}: if the old active's database still answers, wait until this site applied up to
 *       its WAL position; if it does not answer, or after {@code drainTimeout}, go on: the journal closes the gap.</li>
 *   <li>{@code replayJournal}: apply the journal entries of acknowledged writes CDC did not deliver.</li>
 *   <li>{@code promoteStandby}: this site becomes ACTIVE at e + 1.</li>
 *   <li>{@code switchRouting}: every channel to this site.</li>
 *   <li>{@code switchSeats}: the logged-in agents get this site's backup seats (its 10-seat plan).</li>
 * </ol>
 * The old active's return as a standby is the {@link Failback} chain.
 *
 * <p>Invariants: the standby is promoted only after it holds the lease at the new epoch, and only after the journal
 * was replayed (every acknowledged write present); any step repeated after a crash finds its effect and skips.
 *
 * <p>Memo keys: {@value #FROM}, {@value #TO}, {@value #FROM_EPOCH}, {@value #FORCED} (given at start),
 * {@value #JOURNAL_REPLAYED}, {@value #DRAIN_TARGET} (recorded). The journal step's done-check asks the site
 * whether entries are still pending, so a replay that completed just before a crash is not repeated.
 */
public final class Failover implements Procedure {

    public static final String KIND = "failover";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String FROM_EPOCH = "fromEpoch";
    public static final String FORCED = "forced";
    public static final String JOURNAL_REPLAYED = "journalReplayed";
    public static final String DRAIN_TARGET = "drainTarget";

    private final SiteClient lost;
    private final SiteClient self;
    private final LeaseStore leases;
    private final RoutingSwitch routing;
    private final Clock clock;
    private final Duration drainTimeout;
    private final long fromEpoch;
    private final boolean forced;

    public Failover(SiteClient lost, SiteClient self, LeaseStore leases, RoutingSwitch routing, Clock clock,
                    Duration drainTimeout, long fromEpoch, boolean forced) {
        this.lost = lost;
        this.self = self;
        this.leases = leases;
        this.routing = routing;
        this.clock = clock;
        this.drainTimeout = drainTimeout;
        this.fromEpoch = fromEpoch;
        this.forced = forced;
    }

    public static Map<String, String> params(String from, String to, long fromEpoch, boolean forced) {
        return Map.of(FROM, from, TO, to, FROM_EPOCH, Long.toString(fromEpoch), FORCED, Boolean.toString(forced));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Step> steps() {
        long newEpoch = fromEpoch + 1;
        return List.of(
                step("acquireLease")
                        .requires(memo -> leaseMayBeTaken())
                        .doneWhen(memo -> leaseNames(self.site(), newEpoch))
                        .run(memo -> acquireLease(newEpoch)),
                step("fenceLostActive")
                        .doneWhen(memo -> notServing(lost))
                        .run(memo -> {
                            lost.fence("failover to site " + self.site() + " at epoch " + newEpoch);
                            return StepResult.proceed();
                        }),
                step("drainReplication")
                        .continueAfter(drainTimeout)
                        .run(memo -> drain(lost, self, memo)),
                step("replayJournal")
                        .requires(memo -> leaseNames(self.site(), newEpoch) ? Optional.empty()
                                : Optional.of("the lease no longer names site " + self.site() + " at epoch " + newEpoch))
                        .doneWhen(memo -> self.pendingJournalEntries() == 0)
                        .run(memo -> {
                            memo.put(JOURNAL_REPLAYED, self.replayJournal());
                            return StepResult.proceed("journal replayed: " + memo.get(JOURNAL_REPLAYED));
                        }),
                step("promoteStandby")
                        .requires(memo -> leaseNames(self.site(), newEpoch) ? Optional.empty()
                                : Optional.of("the lease no longer names site " + self.site() + " at epoch " + newEpoch))
                        .doneWhen(memo -> self.status().isActiveAt(newEpoch))
                        .run(memo -> {
                            self.promote(newEpoch, (forced ? "forced " : "") + "failover from site " + lost.site());
                            return StepResult.proceed();
                        }),
                ProcedureSteps.switchRouting(routing, self.site()),
                ProcedureSteps.switchSeats(self, newEpoch));
    }

    private Optional<String> leaseMayBeTaken() {
        Optional<Lease> lease = leases.read();
        if (lease.isEmpty()) {
            return Optional.of("no lease is stored: there is no active site to fail over from");
        }
        Lease l = lease.get();
        if (!l.holderSite().equals(lost.site()) || l.epoch() != fromEpoch) {
            return Optional.of("the lease names site " + l.holderSite() + " at epoch " + l.epoch() + ", not site "
                    + lost.site() + " at epoch " + fromEpoch + ": the stated active is not the real one");
        }
        if (!forced && !l.expiredAt(clock.instant())) {
            return Optional.of("the lease of site " + lost.site() + " is still valid until "
                    + l.renewedAt().plus(l.duration()) + "; a switchover, or a forced failover, is needed");
        }
        return Optional.empty();
    }

    private StepResult acquireLease(long newEpoch) {
        Lease current = leases.read().orElseThrow();
        Optional<Lease> taken = leases.compareAndSet(current, current.takenOverBy(self.site(), clock.instant()));
        if (taken.isEmpty()) {
            return StepResult.abort("someone else changed the lease first; not promoting site " + self.site());
        }
        return StepResult.proceed("site " + self.site() + " holds the lease at epoch " + newEpoch
                + (forced ? " (forced)" : ""));
    }

    /** Waits until {@code self} applied up to the lost active's WAL position, if its database still answers. */
    static StepResult drain(SiteClient lost, SiteClient self, Memo memo) {
        long target;
        try {
            target = memo.findLong(DRAIN_TARGET).orElse(lost.currentWalPosition());
        } catch (SiteUnreachableException e) {
            return StepResult.proceed("site " + lost.site() + "'s database does not answer; the journal closes the gap");
        }
        memo.put(DRAIN_TARGET, target);
        if (self.replication().appliedUpTo(target)) {
            return StepResult.proceed("applied everything up to site " + lost.site() + "'s WAL position " + target);
        }
        return StepResult.retryLater("draining CDC: site " + self.site() + " applied up to "
                + self.replication().lastAppliedLsn().map(String::valueOf).orElse("(none)") + ", site " + lost.site()
                + "'s database is at " + target);
    }

    private boolean leaseNames(String site, long epoch) {
        return leases.read().map(l -> l.holderSite().equals(site) && l.epoch() == epoch).orElse(false);
    }

    private static boolean notServing(SiteClient site) {
        try {
            SiteStatus status = site.status();
            return status.fenced() || status.role() != SiteRole.ACTIVE;
        } catch (SiteUnreachableException e) {
            return true;
        }
    }
}
