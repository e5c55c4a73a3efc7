package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteStatus;
import hotline.failover.site.SiteUnreachableException;
import hotline.failover.switches.OpsSwitchStore;
import hotline.failover.switches.OpsSwitches;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl fence SITE} / {@code ctl unfence SITE}: stop (or allow again) writes at one site by hand. The fence is
 * recorded as an ops switch first, so its controller never lifts it on its own, then applied at the site (writes in
 * flight commit, later ones get 503 site-fenced). Unfencing an ACTIVE site is refused unless the lease names it at
 * its epoch: otherwise two sites could take writes.
 */
final class FenceCommands {

    private FenceCommands() {
    }

    @Command(name = "fence", mixinStandardHelpOptions = true,
            description = "Stop writes at a site now (its controller will not lift it; ctl unfence does).")
    static final class Fence implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @Parameters(index = "0", paramLabel = "SITE", description = "a or b")
        String site;

        @Option(names = "--reason", defaultValue = "", description = "why (shown in status)")
        String reason;

        @Mixin
        Confirmation confirmation;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TopologyOptions.siteId(spec.commandLine(), "SITE", site);
            HttpSiteClient client = topology.site(site);
            OpsSwitchStore switches = topology.switches(topology.witnessDatabase());
            Optional<SiteStatus> status = statusOf(client);
            if (status.isPresent() && status.get().fenced() && switches.read().fencedByOperator(site)) {
                out.println("site " + site + " is already fenced by ops: nothing to do");
                return Ctl.DONE;
            }
            String impact = status.map(s -> s.role() == SiteRole.ACTIVE
                    ? "site " + site + " is ACTIVE: every write (agents, 12345 orders) is refused until ctl unfence"
                    : "site " + site + " is " + s.role() + ": it will not be promoted until ctl unfence")
                    .orElse("site " + site + " does not answer: the fence is recorded and applies when it answers");
            out.println("fence site " + site + ": " + impact);
            if (!confirmation.given(out)) {
                out.println("not confirmed: nothing changed");
                return Ctl.REFUSED;
            }
            switches.fence(site, new OpsSwitches.Setting(TopologyOptions.operator(), clock.instant(), reason));
            try {
                SiteStatus fenced = client.fence("fenced by " + TopologyOptions.operator()
                        + (reason.isBlank() ? "" : ": " + reason));
                out.println("site " + site + " fenced (" + fenced.role() + ", epoch " + fenced.epoch() + ")");
                return Ctl.DONE;
            } catch (SiteUnreachableException e) {
                out.println("the fence is recorded, but site " + site + " did not answer: " + e.getMessage());
                return Ctl.UNREACHABLE;
            }
        }
    }

    @Command(name = "unfence", mixinStandardHelpOptions = true,
            description = "Allow writes at a site again after ctl fence (refused if it would make two writers).")
    static final class Unfence implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @Parameters(index = "0", paramLabel = "SITE", description = "a or b")
        String site;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TopologyOptions.siteId(spec.commandLine(), "SITE", site);
            HttpSiteClient client = topology.site(site);
            WitnessDatabase witness = topology.witnessDatabase();
            OpsSwitchStore switches = topology.switches(witness);
            SiteStatus status = client.status();
            if (status.role() == SiteRole.ACTIVE) {
                Optional<Lease> lease = topology.leases(witness).read();
                if (lease.isPresent() && (!lease.get().holderSite().equals(site) || lease.get().epoch() != status.epoch())) {
                    out.println("refused: site " + site + " is ACTIVE at epoch " + status.epoch() + " but the lease names "
                            + "site " + lease.get().holderSite() + " at epoch " + lease.get().epoch() + ": unfencing it "
                            + "would make two writers (see runbooks/split-brain-suspected.md)");
                    return Ctl.REFUSED;
                }
            }
            boolean wasSwitched = switches.read().fencedByOperator(site);
            switches.unfence(site);
            if (!status.fenced()) {
                out.println("site " + site + " is not fenced" + (wasSwitched ? " (the ops fence switch is cleared)" : "")
                        + ": nothing else to do");
                return Ctl.DONE;
            }
            SiteStatus unfenced = client.unfence("unfenced by " + TopologyOptions.operator());
            out.println("site " + site + " unfenced (" + unfenced.role() + ", epoch " + unfenced.epoch() + ", writable "
                    + unfenced.writable() + ")");
            return Ctl.DONE;
        }
    }

    private static Optional<SiteStatus> statusOf(HttpSiteClient client) {
        try {
            return Optional.of(client.status());
        } catch (SiteUnreachableException e) {
            return Optional.empty();
        }
    }
}
