package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import hotline.failover.controller.ProcedureFactory;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.LeaseStoreUnavailableException;
import hotline.failover.procedure.Failover;
import hotline.failover.procedure.FailoverWithoutWitness;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.procedure.UnpersistedProcedureStore;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteStatus;
import hotline.failover.site.SiteUnreachableException;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ctl failover --to SITE [--force]}: the unplanned failover by hand, as the persisted {@link Failover} chain
 * (the same one a controller runs when it sees the active's lease expire).
 * <ol>
 *   <li>Resume an unfinished failover to the same site; refuse (exit 1) while any other run is unfinished.</li>
 *   <li>No-op (exit 0) when the target already is the unfenced ACTIVE site.</li>
 *   <li>Refusals (exit 1), before anything changes: the target is not a STANDBY; the lease does not name the other
 *       site (the stated primary is not the real one); without {@code --force}: the other site's lease is still
 *       valid, or the other site answers as ACTIVE and writable (a switchover is the right tool), or the target's
 *       CDC is not a consistent copy.</li>
 *   <li>Confirmation unless {@code --yes}; {@code --force} says what it overrides and is recorded with who forced
 *       it (the run's {@code started_by}, the promotion's reason at the site).</li>
 * </ol>
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Unplanned failover: take the lease from the lost active, drain what its database still has, "
                + "replay the journal, promote, switch routing.")
public final class FailoverCommand implements Callable<Integer> {

    @Mixin
    TopologyOptions topology;

    @Option(names = "--to", required = true, description = "the site to make ACTIVE (a or b)")
    String to;

    @Option(names = "--force", description = "take over a lease that is still valid, or a site whose CDC is not "
            + "streaming: only when you know the other site is lost (confirmation, recorded)")
    boolean force;

    @Option(names = "--without-witness", description = "with --force, when the lease store (witness) is lost together "
            + "with the active site: promote without the lease; the site's controller takes the lease when the store "
            + "answers again (runbooks/failover.md)")
    boolean withoutWitness;

    @Mixin
    Confirmation confirmation;

    @Option(names = "--drain-timeout", defaultValue = "PT5S", converter = TopologyOptions.DurationConverter.class,
            description = "how long to wait for the lost active's database to hand over its last changes (default: 5 s)")
    Duration drainTimeout;

    @Option(names = "--retry", defaultValue = "PT0.2S", converter = TopologyOptions.DurationConverter.class,
            description = "pause between advances of the procedure (default: 0.2 s)")
    Duration retry;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TopologyOptions.siteId(spec.commandLine(), "--to", to);
        String lost = to.equals("a") ? "b" : "a";
        HttpSiteClient target = topology.site(to);
        HttpSiteClient source = topology.site(lost);
        WitnessDatabase witness = topology.witnessDatabase();
        LeaseStore leases = topology.leases(witness);
        if (withoutWitness) {
            return withoutWitness(out, lost, target, source, leases);
        }
        JdbcProcedureStore procedures = topology.procedures(witness);
        ProcedureRunner runner = new ProcedureRunner(procedures, clock);
        ProcedureFactory factory = topology.procedureFactory(leases, clock, drainTimeout);

        Optional<ProcedureRun> unfinished = procedures.unfinished();
        if (unfinished.isPresent()) {
            ProcedureRun open = unfinished.get();
            if (!open.kind().equals(Failover.KIND) || !to.equals(open.memo().get(Failover.TO))) {
                out.println("refused: " + open.describe() + " (started by " + open.startedBy() + " at "
                        + open.startedAt() + ") is unfinished; it must end first");
                return Ctl.REFUSED;
            }
            out.println("resuming " + open.describe() + " (started by " + open.startedBy() + ")");
            return new ProcedureProgress(out, clock).drive(runner, factory.of(open), open, clock.instant(), retry,
                    "site " + to + " is ACTIVE");
        }
        SiteStatus targetStatus = target.status();
        if (targetStatus.role() == SiteRole.ACTIVE && !targetStatus.fenced()) {
            out.println("site " + to + " already is the active site at epoch " + targetStatus.epoch() + ": nothing to do");
            return Ctl.DONE;
        }
        if (targetStatus.role() != SiteRole.STANDBY) {
            out.println("refused: site " + to + " is " + targetStatus.role() + " (fenced), not a standby: see "
                    + "runbooks/split-brain-suspected.md");
            return Ctl.REFUSED;
        }
        Optional<Lease> lease = leases.read();
        if (lease.isEmpty() || !lease.get().holderSite().equals(lost)) {
            out.println("refused: the lease " + lease.map(l -> "names site " + l.holderSite() + " at epoch " + l.epoch())
                    .orElse("is not stored") + ", not site " + lost + ": the stated primary is not the real one");
            return Ctl.REFUSED;
        }
        Lease held = lease.get();
        Instant now = clock.instant();
        boolean leaseValid = !held.expiredAt(now);
        Optional<SiteStatus> lostStatus = statusOf(source);
        boolean lostServing = lostStatus.map(s -> s.role() == SiteRole.ACTIVE && s.writable() && !s.fenced()).orElse(false);
        ReplicationStatus replication = target.replication();
        boolean consistentCopy = replication.cdcState().promotable();
        if (!force) {
            if (lostServing) {
                out.println("refused: site " + lost + " answers as ACTIVE and writable: it is not lost; use "
                        + "./hotline ctl switchover --to " + to + " (zero loss)");
                return Ctl.REFUSED;
            }
            if (leaseValid) {
                out.printf(Locale.ROOT, "refused: site %s's lease (epoch %d) is still valid for %.1f s: its controller "
                                + "is renewing it; if you know site %s is lost, use --force%n", lost, held.epoch(),
                        Duration.between(now, held.renewedAt().plus(held.duration())).toMillis() / 1000.0, lost);
                return Ctl.REFUSED;
            }
            if (!consistentCopy) {
                out.println("refused: site " + to + "'s CDC is " + replication.cdcState() + ", not a consistent copy to "
                        + "promote; --force promotes it anyway (the journal replay still runs)");
                return Ctl.REFUSED;
            }
        }
        out.printf(Locale.ROOT, "failover from site %s (%s, lease epoch %d %s) to site %s (STANDBY, CDC %s, lag %.2f s): "
                        + "site %s becomes ACTIVE at epoch %d%n", lost,
                lostStatus.map(s -> s.role() + (s.fenced() ? " fenced" : "")).orElse("not answering"), held.epoch(),
                leaseValid ? "still valid" : "expired", to, replication.cdcState(), replication.lagSeconds(), to,
                held.epoch() + 1);
        if (force) {
            out.println("FORCED: " + (leaseValid ? "the lease is still valid; " : "")
                    + (lostServing ? "site " + lost + " still answers as writable (it is fenced first); " : "")
                    + "writes site " + lost + " accepted that site " + to + " never got are quarantined when it "
                    + "fails back. Recorded as forced by " + TopologyOptions.operator());
        }
        if (!confirmation.given(out)) {
            out.println("not confirmed: nothing changed");
            return Ctl.REFUSED;
        }
        Failover failover = factory.failover(lost, to, held.epoch(), force);
        Instant began = clock.instant();
        ProcedureRun run = runner.start(failover, TopologyOptions.operator() + (force ? " (forced)" : ""),
                Failover.params(lost, to, held.epoch(), force));
        return new ProcedureProgress(out, clock).drive(runner, failover, run, began, retry, "site " + to + " is ACTIVE");
    }

    /**
     * The active site and the lease store are lost together: promote {@code to} without the lease (see
     * {@link FailoverWithoutWitness}). Refused unless forced, unless the lease store really does not answer, and while
     * the other site answers at all (without the lease, a promotion next to a living active is a split brain).
     */
    private int withoutWitness(PrintWriter out, String lost, HttpSiteClient target, HttpSiteClient source,
                               LeaseStore leases) throws InterruptedException {
        if (!force) {
            out.println("refused: --without-witness promotes site " + to + " without the lease; it needs --force");
            return Ctl.REFUSED;
        }
        try {
            Optional<Lease> lease = leases.read();
            out.println("refused: the lease store answers (the lease " + lease.map(l -> "names site " + l.holderSite()
                    + " at epoch " + l.epoch()).orElse("is not stored") + "): use ctl failover --to " + to
                    + " [--force] without --without-witness");
            return Ctl.REFUSED;
        } catch (LeaseStoreUnavailableException e) {
            out.println("the lease store does not answer: " + e.getMessage());
        }
        Optional<SiteStatus> lostStatus = statusOf(source);
        if (lostStatus.isPresent()) {
            SiteStatus s = lostStatus.get();
            out.println("refused: site " + lost + " answers (" + s.role() + " at epoch " + s.epoch()
                    + (s.fenced() ? ", fenced" : "") + "): it is not lost, and promoting site " + to + " without the "
                    + "lease next to it would be a split brain; restore the lease store, or use ctl switchover");
            return Ctl.REFUSED;
        }
        SiteStatus targetStatus = target.status();
        long newEpoch = targetStatus.epoch() + 1;
        if (targetStatus.role() == SiteRole.ACTIVE && targetStatus.promotedWithoutLease() && !targetStatus.fenced()) {
            newEpoch = targetStatus.epoch();
            out.println("site " + to + " already is ACTIVE at epoch " + newEpoch + ", promoted without the lease: "
                    + "resuming the remaining steps");
        } else if (targetStatus.role() == SiteRole.ACTIVE && !targetStatus.fenced()) {
            out.println("site " + to + " already is the active site at epoch " + targetStatus.epoch() + ": nothing to do");
            return Ctl.DONE;
        } else if (targetStatus.role() != SiteRole.STANDBY) {
            out.println("refused: site " + to + " is " + targetStatus.role() + " (fenced), not a standby: see "
                    + "runbooks/split-brain-suspected.md");
            return Ctl.REFUSED;
        }
        ReplicationStatus replication = target.replication();
        out.printf(Locale.ROOT, "FORCED FAILOVER WITHOUT THE WITNESS: site %s and the lease store do not answer; site %s "
                        + "(%s, CDC %s, lag %.2f s) becomes ACTIVE at epoch %d without holding the lease.%n", lost, to,
                targetStatus.role(), replication.cdcState(), replication.lagSeconds(), newEpoch);
        out.println("  - site " + to + "'s controller keeps it serving while the lease store is down, and takes the "
                + "lease at epoch " + newEpoch + " as soon as the store answers;");
        out.println("  - if site " + lost + " is in fact alive and still renews its lease when the store answers, "
                + "site " + to + " is fenced (split brain): runbooks/split-brain-suspected.md;");
        out.println("  - writes site " + lost + " accepted that site " + to + " never got are quarantined when it "
                + "fails back; the journal replay adds every acknowledged write site " + to + " still lacks;");
        out.println("  - this run is not persisted (the procedure store is the witness): if it stops, run the same "
                + "command again. Recorded at site " + to + " as forced by " + TopologyOptions.operator());
        if (!confirmation.given(out)) {
            out.println("not confirmed: nothing changed");
            return Ctl.REFUSED;
        }
        FailoverWithoutWitness failover = new FailoverWithoutWitness(source, target, topology.routing(), drainTimeout,
                newEpoch, TopologyOptions.operator());
        ProcedureRunner runner = new ProcedureRunner(new UnpersistedProcedureStore(), clock);
        Instant began = clock.instant();
        ProcedureRun run = runner.start(failover, TopologyOptions.operator() + " (forced, without the witness)",
                FailoverWithoutWitness.params(lost, to, newEpoch));
        return new ProcedureProgress(out, clock).drive(runner, failover, run, began, retry, "site " + to
                + " is ACTIVE at epoch " + newEpoch + " without the lease");
    }

    private static Optional<SiteStatus> statusOf(HttpSiteClient client) {
        try {
            return Optional.of(client.status());
        } catch (SiteUnreachableException e) {
            return Optional.empty();
        }
    }
}
