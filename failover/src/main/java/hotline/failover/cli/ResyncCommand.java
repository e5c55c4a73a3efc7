package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteStatus;
import hotline.failover.site.SiteUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl resync SITE}: make a STANDBY copy the active again from scratch (its slot and offset are dropped, a
 * snapshot is applied, rows the active does not have are deleted, then it streams), and wait until it streams.
 * For a standby whose CDC reports {@code SLOT_LOST} or {@code FAILED} for good (runbooks/replication-broken.md).
 * Refused for an ACTIVE site: a resync replaces the site's data with the peer's.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = "Copy the active site into a STANDBY again from scratch, then stream.")
public final class ResyncCommand implements Callable<Integer> {

    @Mixin
    TopologyOptions topology;

    @Parameters(index = "0", paramLabel = "SITE", description = "the STANDBY site to resync (a or b)")
    String site;

    @Mixin
    Confirmation confirmation;

    @Option(names = "--wait", defaultValue = "PT5M", converter = TopologyOptions.DurationConverter.class,
            description = "how long to wait until it streams (default: 5 min)")
    Duration waitFor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TopologyOptions.siteId(spec.commandLine(), "SITE", site);
        HttpSiteClient client = topology.site(site);
        SiteStatus status = client.status();
        if (status.role() != SiteRole.STANDBY) {
            out.println("refused: site " + site + " is " + status.role() + "; only a STANDBY is resynced (its data is "
                    + "replaced by a copy of the active site's)");
            return Ctl.REFUSED;
        }
        ReplicationStatus before = client.replication();
        out.println("resync site " + site + " from site " + status.activeSite() + " (CDC now " + before.cdcState()
                + "): its data is replaced by a fresh copy; the journal keeps protecting acknowledged writes meanwhile");
        if (!confirmation.given(out)) {
            out.println("not confirmed: nothing changed");
            return Ctl.REFUSED;
        }
        Instant began = clock.instant();
        client.resync("ctl resync by " + TopologyOptions.operator());
        CdcState last = null;
        boolean sawResync = false;
        while (Duration.between(began, clock.instant()).compareTo(waitFor) < 0) {
            try {
                CdcState state = client.replication().cdcState();
                sawResync |= state == CdcState.RESYNCING || state == CdcState.STARTING;
                if (state != last) {
                    out.printf(Locale.ROOT, "[%6.2f s] CDC %s%n", Duration.between(began, clock.instant()).toMillis() / 1000.0,
                            state);
                    out.flush();
                    last = state;
                }
                if (state == CdcState.STREAMING && (sawResync || Duration.between(began, clock.instant()).toSeconds() > 5)) {
                    out.println("site " + site + " streams from site " + status.activeSite() + " again; check with "
                            + "./hotline verify");
                    return Ctl.DONE;
                }
            } catch (SiteUnreachableException e) {
                out.println("site " + site + " does not answer: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        out.println("site " + site + "'s CDC is " + last + " after " + waitFor.toSeconds() + " s: see its log and "
                + "runbooks/replication-broken.md");
        return Ctl.REFUSED;
    }
}
