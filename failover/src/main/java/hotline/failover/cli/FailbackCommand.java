package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import hotline.failover.controller.ProcedureFactory;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.procedure.Failback;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteStatus;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ctl failback}: bring the site lost in a failover back as the STANDBY of the lease holder ({@link Failback}:
 * fence, demote with the orphan-change quarantine, resync, consistency), then print what was quarantined. Moving the
 * service back is a separate, planned {@code ctl switchover --to SITE} once this succeeded.
 */
@Command(name = "failback", mixinStandardHelpOptions = true,
        description = "Make the site that lost the lease a STANDBY of the active site again (quarantining changes "
                + "only it had), and wait until it is a full copy.")
public final class FailbackCommand implements Callable<Integer> {

    @Mixin
    TopologyOptions topology;

    @Mixin
    Confirmation confirmation;

    @Option(names = "--retry", defaultValue = "PT0.5S", converter = TopologyOptions.DurationConverter.class,
            description = "pause between advances of the procedure (default: 0.5 s)")
    Duration retry;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        WitnessDatabase witness = topology.witnessDatabase();
        LeaseStore leases = topology.leases(witness);
        JdbcProcedureStore procedures = topology.procedures(witness);
        ProcedureRunner runner = new ProcedureRunner(procedures, clock);
        ProcedureFactory factory = topology.procedureFactory(leases, clock, Duration.ofSeconds(5));

        Optional<ProcedureRun> unfinished = procedures.unfinished();
        if (unfinished.isPresent()) {
            ProcedureRun open = unfinished.get();
            if (!open.kind().equals(Failback.KIND)) {
                out.println("refused: " + open.describe() + " (started by " + open.startedBy() + ") is unfinished; it "
                        + "must end first");
                return Ctl.REFUSED;
            }
            out.println("resuming " + open.describe() + " (started by " + open.startedBy() + ")");
            return finish(out, new ProcedureProgress(out, clock).drive(runner, factory.of(open), open, clock.instant(),
                    retry, "site " + open.memo().get(Failback.RETURNING) + " is a STANDBY copy"),
                    topology.site(open.memo().get(Failback.RETURNING)));
        }
        Optional<Lease> lease = leases.read();
        if (lease.isEmpty()) {
            out.println("refused: no lease is stored: there was no failover to fail back from");
            return Ctl.REFUSED;
        }
        String active = lease.get().holderSite();
        String returningId = active.equals("a") ? "b" : "a";
        HttpSiteClient returning = topology.site(returningId);
        HttpSiteClient activeSite = topology.site(active);
        SiteStatus activeStatus = activeSite.status();
        if (activeStatus.role() != SiteRole.ACTIVE || activeStatus.epoch() != lease.get().epoch()) {
            out.println("refused: the lease names site " + active + " at epoch " + lease.get().epoch() + " but it is "
                    + activeStatus.role() + " at epoch " + activeStatus.epoch() + ": finish the failover first "
                    + "(./hotline ctl status)");
            return Ctl.REFUSED;
        }
        SiteStatus status = returning.status();
        if (status.role() == SiteRole.STANDBY && active.equals(status.activeSite())
                && returning.replication().cdcState() == hotline.failover.decision.CdcState.STREAMING) {
            out.println("site " + returningId + " already is a streaming STANDBY of site " + active + ": nothing to do");
            return finish(out, Ctl.DONE, returning);
        }
        out.println("failback: site " + returningId + " (" + status.role() + " at epoch " + status.epoch()
                + ") becomes STANDBY of site " + active + " at epoch " + lease.get().epoch() + "; changes only site "
                + returningId + " has are quarantined for review, then it is resynced from site " + active);
        if (!confirmation.given(out)) {
            out.println("not confirmed: nothing changed");
            return Ctl.REFUSED;
        }
        Failback failback = factory.failback(returningId, active, lease.get().epoch());
        Instant began = clock.instant();
        ProcedureRun run = runner.start(failback, TopologyOptions.operator(),
                Failback.params(returningId, active, lease.get().epoch()));
        int exit = new ProcedureProgress(out, clock).drive(runner, failback, run, began, retry,
                "site " + returningId + " is a STANDBY copy of site " + active);
        return finish(out, exit, returning);
    }

    /** Prints the returning site's quarantine report (what only it had), when its app offers one. */
    private int finish(PrintWriter out, int exit, HttpSiteClient returning) {
        try {
            out.println("quarantine: " + returning.quarantineSummary());
        } catch (RuntimeException e) {
            out.println("quarantine: not available from site " + returning.site() + " (" + e.getMessage() + ")");
        }
        if (exit == Ctl.DONE) {
            out.println("to move the service back: ./hotline ctl switchover --to " + returning.site());
        }
        out.flush();
        return exit;
    }
}
