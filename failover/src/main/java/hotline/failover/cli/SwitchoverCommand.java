package hotline.failover.cli;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.procedure.Switchover;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteStatus;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ctl switchover --to SITE}: the planned switchover as the persisted {@link Switchover} step chain, with
 * progress printed per step.
 * <ol>
 *   <li>Resume: an unfinished switchover to the same site in the witness is resumed; any other unfinished run is a
 *       refusal (exit 1).</li>
 *   <li>No-op: the stated target already is the unfenced ACTIVE site → printed, exit 0.</li>
 *   <li>Refusals (exit 1), before anything changes: the other site is not ACTIVE; the lease names another site or
 *       epoch than the sites do (the stated primary is not the real one); the target's CDC is not STREAMING or lags
 *       more than {@code --max-lag}; not confirmed.</li>
 *   <li>No lease stored yet (no controller ran): once every check passed and it is confirmed, the lease is created
 *       from the sites' view (the ACTIVE site at its epoch) by compare-and-set, and said so.</li>
 *   <li>Run the chain, advancing it every {@code --retry} until SUCCEEDED (exit 0) or ABORTED (exit 1, reason).</li>
 * </ol>
 */
@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = "Planned switchover: fence the active, wait for the standby to catch up, move the lease, "
                + "promote, switch routing, demote the old active.")
public final class SwitchoverCommand implements Callable<Integer> {

    @Mixin
    TopologyOptions topology;

    @Option(names = "--to", required = true, description = "the site to make ACTIVE (a or b)")
    String to;

    @Mixin
    Confirmation confirmation;

    @Option(names = "--max-lag", defaultValue = "PT5S", converter = TopologyOptions.DurationConverter.class,
            description = "refuse when the target's CDC lag is above this (default: 5 s)")
    Duration maxLag;

    @Option(names = "--catch-up-timeout", defaultValue = "PT30S", converter = TopologyOptions.DurationConverter.class,
            description = "abort (and unfence) when the target has not caught up after this (default: 30 s)")
    Duration catchUpTimeout;

    @Option(names = "--reverse-replication-timeout", defaultValue = "PT180S",
            converter = TopologyOptions.DurationConverter.class,
            description = "how long the old active may take to stream from the new one (default: 180 s)")
    Duration reverseReplicationTimeout;

    @Option(names = "--retry", defaultValue = "PT0.2S", converter = TopologyOptions.DurationConverter.class,
            description = "pause between advances of the procedure (default: 0.2 s)")
    Duration retry;

    @Option(names = "--lease-duration", defaultValue = "PT10S", converter = TopologyOptions.DurationConverter.class,
            description = "duration of a lease created from the sites' view (default: 10 s)")
    Duration leaseDuration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!to.equals("a") && !to.equals("b")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must be a or b, was '" + to + "'");
        }
        String from = to.equals("a") ? "b" : "a";
        HttpSiteClient source = topology.site(from);
        HttpSiteClient target = topology.site(to);
        WitnessDatabase witness = topology.witnessDatabase();
        LeaseStore leases = topology.leases(witness);
        JdbcProcedureStore procedures = topology.procedures(witness);
        RoutingSwitch routing = topology.routing();
        String startedBy = "ctl:" + System.getProperty("user.name", "unknown");

        Optional<ProcedureRun> unfinished = procedures.unfinished();
        ProcedureRun run;
        Switchover procedure;
        ProcedureRunner runner = new ProcedureRunner(procedures, clock);
        Instant began = clock.instant();
        if (unfinished.isPresent()) {
            ProcedureRun open = unfinished.get();
            if (!open.kind().equals(Switchover.KIND) || !to.equals(open.memo().get(Switchover.TO))) {
                out.println("refused: " + open.describe() + " (started by " + open.startedBy() + " at "
                        + open.startedAt() + ") is unfinished; it must end first");
                return Ctl.REFUSED;
            }
            long fromEpoch = Long.parseLong(open.memo().get(Switchover.FROM_EPOCH));
            procedure = switchover(source, target, leases, routing, fromEpoch);
            out.println("resuming " + open.describe() + " (started by " + open.startedBy() + ")");
            run = open;
        } else {
            SiteStatus targetStatus = target.status();
            SiteStatus sourceStatus = source.status();
            if (targetStatus.role() == SiteRole.ACTIVE && !targetStatus.fenced()) {
                out.println("site " + to + " already is the active site at epoch " + targetStatus.epoch()
                        + ": nothing to do");
                return Ctl.DONE;
            }
            if (sourceStatus.role() != SiteRole.ACTIVE) {
                out.println("refused: site " + from + " is " + sourceStatus.role() + " at epoch " + sourceStatus.epoch()
                        + " and site " + to + " is " + targetStatus.role() + ": there is no active site to switch over "
                        + "from (see runbooks/failover.md)");
                return Ctl.REFUSED;
            }
            long fromEpoch = sourceStatus.epoch();
            Optional<Lease> lease = leases.read();
            if (lease.isPresent() && (!lease.get().holderSite().equals(from) || lease.get().epoch() != fromEpoch)) {
                out.println("refused: the lease names site " + lease.get().holderSite() + " at epoch "
                        + lease.get().epoch() + " but site " + from + " reports ACTIVE at epoch " + fromEpoch
                        + ": the stated active is not the real one (see runbooks/split-brain-suspected.md)");
                return Ctl.REFUSED;
            }
            ReplicationStatus replication = target.replication();
            if (replication.cdcState() != CdcState.STREAMING) {
                out.println("refused: site " + to + "'s CDC is " + replication.cdcState() + ", not STREAMING: it has "
                        + "not got everything site " + from + " committed");
                return Ctl.REFUSED;
            }
            if (!(replication.lagSeconds() * 1000 <= maxLag.toMillis())) {
                out.printf(Locale.ROOT, "refused: site %s's CDC lag %.2f s is above %.2f s: the write pause would be "
                        + "too long; try again when it has caught up%n", to, replication.lagSeconds(), maxLag.toMillis() / 1000.0);
                return Ctl.REFUSED;
            }
            out.printf(Locale.ROOT, "switchover from site %s (ACTIVE, epoch %d) to site %s (STANDBY, CDC lag %.2f s):"
                            + " writes pause from the fence until site %s is promoted at epoch %d%n", from, fromEpoch, to,
                    replication.lagSeconds(), to, fromEpoch + 1);
            if (!confirmation.given(out)) {
                out.println("not confirmed: nothing changed");
                return Ctl.REFUSED;
            }
            if (lease.isEmpty()) {
                Instant now = clock.instant();
                Optional<Lease> created = leases.compareAndSet(null, new Lease(from, fromEpoch, now, now, leaseDuration, null));
                if (created.isEmpty()) {
                    out.println("refused: someone else created the lease just now; run the command again");
                    return Ctl.REFUSED;
                }
                out.println("no lease was stored (no controller has run): created it from the sites' view: site "
                        + from + " at epoch " + fromEpoch);
            }
            procedure = switchover(source, target, leases, routing, fromEpoch);
            began = clock.instant();
            run = runner.start(procedure, startedBy, Switchover.params(from, to, fromEpoch));
        }

        return new ProcedureProgress(out, clock).drive(runner, procedure, run, began, retry, "site " + to + " is ACTIVE");
    }

    private Switchover switchover(HttpSiteClient from, HttpSiteClient to, LeaseStore leases, RoutingSwitch routing,
                                  long fromEpoch) {
        return new Switchover(from, to, leases, routing, clock, maxLag, catchUpTimeout, reverseReplicationTimeout,
                fromEpoch);
    }

}
