package hotline.failover.procedure;

import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.SiteClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static hotline.failover.procedure.Step.step;

/**
 * The failover ops run when the active site and the lease authority (the witness database, or the Kubernetes API
 * holding the Lease) are lost together, so that nobody can take the lease: {@code ctl failover --force
 * --without-witness}. The standby is promoted at an epoch above the one it replicated, marked as waiting for its
 * lease; its controller keeps it serving while the store does not answer and takes the lease at that epoch once it
 * does (see {@code FailoverDecisions}).
 *
 * <ol>
 *   <li>{@code drainReplication}: as in {@link Failover}: if the lost active's database still answers, wait until
 *       this site applied up to its WAL position; otherwise, or after {@code drainTimeout}, go on.</li>
 *   <li>{@code replayJournal}: apply the journal entries of acknowledged writes CDC did not deliver.</li>
 *   <li>{@code promoteWithoutLease}: this site becomes ACTIVE at {@code newEpoch}, waiting for its lease.</li>
 *   <li>{@code switchRouting}, {@code switchSeats}: as in {@link Failover}.</li>
 * </ol>
 *
 * <p>The run cannot be persisted (the procedure store is the witness): every step checks its effect first, so running
 * the same command again after a crash resumes where the first one stopped.
 */
public final class FailoverWithoutWitness implements Procedure {

    public static final String KIND = "failover-without-witness";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String NEW_EPOCH = "newEpoch";

    private final SiteClient lost;
    private final SiteClient self;
    private final RoutingSwitch routing;
    private final Duration drainTimeout;
    private final long newEpoch;
    private final String operator;

    public FailoverWithoutWitness(SiteClient lost, SiteClient self, RoutingSwitch routing, Duration drainTimeout,
                                  long newEpoch, String operator) {
        this.lost = lost;
        this.self = self;
        this.routing = routing;
        this.drainTimeout = drainTimeout;
        this.newEpoch = newEpoch;
        this.operator = operator;
    }

    public static Map<String, String> params(String from, String to, long newEpoch) {
        return Map.of(FROM, from, TO, to, NEW_EPOCH, Long.toString(newEpoch));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Step> steps() {
        return List.of(
                step("drainReplication")
                        .doneWhen(memo -> self.status().isActiveAt(newEpoch))
                        .continueAfter(drainTimeout)
                        .run(memo -> Failover.drain(lost, self, memo)),
                step("replayJournal")
                        .doneWhen(memo -> self.status().isActiveAt(newEpoch) || self.pendingJournalEntries() == 0)
                        .run(memo -> StepResult.proceed("journal replayed: " + self.replayJournal())),
                step("promoteWithoutLease")
                        .doneWhen(memo -> self.status().isActiveAt(newEpoch))
                        .run(memo -> {
                            self.promoteWithoutLease(newEpoch, "forced failover from site " + lost.site()
                                    + " without the witness, by " + operator);
                            return StepResult.proceed("site " + self.site() + " is ACTIVE at epoch " + newEpoch
                                    + ", waiting for its controller to take the lease");
                        }),
                ProcedureSteps.switchRouting(routing, self.site()),
                ProcedureSteps.switchSeats(self, newEpoch));
    }
}
