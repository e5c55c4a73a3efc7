package hotline.failover.procedure;

import static hotline.failover.procedure.Step.step;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.LeaseStore;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteStatus;

/**
 * Failback, first half: the site lost in a failover comes back as the STANDBY of the site that took over, without
 * losing what only it had.
 *
 * <ol>
 *   <li>{@code fenceReturningSite}: a returning site that still believes it is ACTIVE (its database says so) stops
 *       taking writes. Done when it is fenced or already STANDBY.</li>
 *   <li>{@code demoteReturningSite}: it becomes STANDBY of the active site at the lease's epoch. At that
 *       transition, before its CDC starts, the site looks for <b>orphan changes</b> (committed there, never
 *       replicated nor acknowledged) and quarantines them for review (app: replication quarantine); its resync
 *       then makes it a copy of the active. Requires the lease to name the active site at the stated epoch.</li>
 *   <li>{@code awaitResync}: its CDC streams from the active (snapshot done); aborts after {@code resyncTimeout}.</li>
 *   <li>{@code confirmConsistency}: the active's consistency check says both sites are equal (retried while
 *       changes are in flight); aborts after {@code resyncTimeout}.</li>
 * </ol>
 * The optional second half, moving the service back, is an ordinary {@link Switchover} started afterwards.
 *
 * <p>Invariants: the returning site never takes a write after the lease moved away from it; nothing it holds is
 * deleted before the quarantine scan ran (the app orders the scan before the resync); every step is idempotent.
 *
 * <p>Memo keys: {@value #RETURNING}, {@value #TO} (the active site, whose controller resumes the run),
 * {@value #EPOCH} (the lease epoch of the active site).
 */
public final class Failback implements Procedure {

    public static final String KIND = "failback";
    public static final String RETURNING = "returning";
    public static final String TO = "to";
    public static final String EPOCH = "fromEpoch";

    private final SiteClient returning;
    private final SiteClient active;
    private final LeaseStore leases;
    private final Duration resyncTimeout;
    private final long epoch;

    public Failback(SiteClient returning, SiteClient active, LeaseStore leases, Duration resyncTimeout, long epoch) {
        this.returning = returning;
        this.active = active;
        this.leases = leases;
        this.resyncTimeout = resyncTimeout;
        this.epoch = epoch;
    }

    public static Map<String, String> params(String returning, String active, long epoch) {
        return Map.of(RETURNING, returning, TO, active, EPOCH, Long.toString(epoch));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Step> steps() {
        String reason = "failback: site " + active.site() + " is active at epoch " + epoch;
        return List.of(
                step("fenceReturningSite")
                        .requires(memo -> activeHoldsTheLease())
                        .doneWhen(memo -> {
                            SiteStatus s = returning.status();
                            return s.fenced() || s.role() == SiteRole.STANDBY;
                        })
                        .run(memo -> {
                            returning.fence(reason);
                            return StepResult.proceed("site " + returning.site() + " takes no writes");
                        }),
                step("demoteReturningSite")
                        .requires(memo -> activeHoldsTheLease())
                        .doneWhen(memo -> isStandbyOfActive(returning.status()))
                        .run(memo -> {
                            returning.demote(epoch, active.site(), reason);
                            return StepResult.proceed("site " + returning.site() + " is STANDBY of site " + active.site()
                                    + " at epoch " + epoch + "; orphan changes, if any, are quarantined for review");
                        }),
                step("awaitResync")
                        .doneWhen(memo -> returning.replication().cdcState() == CdcState.STREAMING)
                        .abortAfter(resyncTimeout)
                        .run(memo -> {
                            ReplicationStatus r = returning.replication();
                            return StepResult.retryLater("site " + returning.site() + "'s CDC is " + r.cdcState()
                                    + " (copying site " + active.site() + ")");
                        }),
                step("confirmConsistency")
                        .abortAfter(resyncTimeout)
                        .run(memo -> {
                            SiteClient.Consistency c = active.consistency(5);
                            return c.equal() ? StepResult.proceed("both sites hold the same data: " + c.summary())
                                    : StepResult.retryLater("sites differ: " + c.summary());
                        }));
    }

    private Optional<String> activeHoldsTheLease() {
        return leases.read().filter(l -> l.holderSite().equals(active.site()) && l.epoch() == epoch)
                .map(l -> Optional.<String>empty())
                .orElseGet(() -> Optional.of("the lease no longer names site " + active.site() + " at epoch " + epoch));
    }

    private boolean isStandbyOfActive(SiteStatus s) {
        return s.role() == SiteRole.STANDBY && s.epoch() >= epoch && active.site().equals(s.activeSite());
    }
}
