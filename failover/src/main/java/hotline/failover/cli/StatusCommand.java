package hotline.failover.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import hotline.failover.lease.Lease;
import hotline.failover.switches.OpsSwitches;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ctl status}: the topology as every authority sees it: each site's own view (role, epoch, fence, protection,
 * CDC state and lag), the lease in the witness, where the front door sends traffic, and the latest procedure run.
 * Exit 0 when everything answered, 2 when something did not (what answered is still printed).
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show both sites, the lease, routing and the last procedure.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    TopologyOptions topology;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean allAnswered = true;
        out.printf("Hotline HA topology at %s%n", clock.instant());
        out.printf("%-4s %-22s %-8s %5s %-6s %-8s %-9s %-10s %8s %-12s %7s%n", "SITE", "URL", "ROLE", "EPOCH", "FENCED",
                "WRITABLE", "PROTECTED", "CDC", "LAG", "APPLIED-LSN", "JOURNAL");
        for (String id : List.of("a", "b")) {
            HttpSiteClient site = topology.site(id);
            try {
                JsonObject s = site.siteView();
                JsonObject r = site.replicationView();
                boolean standby = "STANDBY".equals(text(s, "role"));
                out.printf(Locale.ROOT, "%-4s %-22s %-8s %5s %-6s %-8s %-9s %-10s %8s %-12s %7s%n", id, site.baseUrl(),
                        text(s, "role"), text(s, "epoch"), yesNo(s, "fenced"), yesNo(s, "writable"),
                        yesNo(s, "protectedByPeer"), standby ? text(r, "cdcState") : "-",
                        standby ? lag(r) : "-", standby ? text(r, "lastAppliedLsn") : "-", text(r, "journalDepth"));
                if (s.has("promotedWithoutLease") && s.get("promotedWithoutLease").getAsBoolean()) {
                    out.printf("     promoted without the lease at epoch %s: its controller takes the lease when the "
                            + "lease store answers (runbooks/failover-without-witness.md)%n", text(s, "epoch"));
                }
                if (standby && r.has("slot") && r.get("slot").isJsonObject()) {
                    JsonObject slot = r.getAsJsonObject("slot");
                    out.printf("     slot %s at site %s: exists %s, WAL behind %s bytes%n", text(slot, "name"),
                            text(s, "activeSite"), text(slot, "exists"), text(slot, "walBehindBytes"));
                }
                if (standby && r.has("servedBy")) {
                    // any replica may answer; the CDC fields are those its site's lead replica last published
                    out.printf("     CDC as lead replica %s reported it %s s ago (answered by %s)%n", text(r, "viewFrom"),
                            text(r, "viewAgeSeconds"), text(r, "servedBy"));
                }
                if (standby && "UNKNOWN".equals(text(r, "cdcState"))) {
                    out.printf("     CDC UNKNOWN: %s%n", text(r, "cdcReason"));
                }
            } catch (RuntimeException e) {
                allAnswered = false;
                out.printf("%-4s %-22s UNREACHABLE: %s%n", id, site.baseUrl(), e.getMessage());
            }
        }
        WitnessDatabase witness = topology.witnessDatabase();
        try {
            Optional<Lease> lease = topology.leases(witness).read();
            out.println("lease:     " + lease.map(this::describe).orElse("none stored yet (the first switchover "
                    + "or controller creates it from the sites' view)"));
        } catch (RuntimeException e) {
            allAnswered = false;
            out.println("lease:     UNREACHABLE: " + e.getMessage());
        }
        try {
            OpsSwitches switches = topology.switches(witness).read();
            out.println("automatic: " + switches.pause().map(p -> "PAUSED " + p.describe() + " (controllers observe "
                    + "and report only; ./hotline ctl resume)").orElse("on (not paused)"));
            out.println("ops fence: " + (switches.fencedSites().isEmpty() ? "none" : String.join("; ",
                    switches.fencedSites().entrySet().stream().map(e -> "site " + e.getKey() + " fenced "
                            + e.getValue().describe()).toList())));
            JdbcProcedureStore procedures = topology.procedures(witness);
            List<ProcedureRun> latest = procedures.latest(1);
            out.println("procedure: " + (latest.isEmpty() ? "none run yet" : latest.get(0).describe() + " (started by "
                    + latest.get(0).startedBy() + " at " + latest.get(0).startedAt() + "): " + latest.get(0).reason()));
        } catch (RuntimeException e) {
            allAnswered = false;
            out.println("witness:   UNREACHABLE (ops switches and procedure runs): " + e.getMessage());
        }
        for (String id : List.of("a", "b")) {
            out.println("controller " + id + ": " + controllerLine(topology.controller(id)));
        }
        try {
            RoutingSwitch routing = topology.routing();
            out.println("routing:   " + routing.currentSite().map(s -> "every channel goes to site " + s)
                    .orElse("points to no configured site, or its targets disagree") + " (" + routing.describe() + ")");
        } catch (RuntimeException e) {
            allAnswered = false;
            out.println("routing:   UNREACHABLE: " + e.getMessage());
        }
        out.flush();
        return allAnswered ? Ctl.DONE : Ctl.UNREACHABLE;
    }

    /** The controller's last decision and reason; a controller that does not answer is reported, not fatal. */
    private String controllerLine(java.net.URI controller) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(topology.timeout).build();
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                            controller.resolve("/api/controller/status")).timeout(topology.timeout).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "answers " + response.statusCode() + " at " + controller;
            }
            JsonObject status = com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
            return text(status, "action") + ": " + text(status, "reason");
        } catch (java.io.IOException | RuntimeException e) {
            return "not answering at " + controller + " (no automatic action from it)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String describe(Lease lease) {
        Instant now = clock.instant();
        Instant expiry = lease.renewedAt().plus(lease.duration());
        Duration left = Duration.between(now, expiry);
        String when = left.isNegative()
                ? String.format(Locale.ROOT, "expired %.1f s ago (not renewed: no controller is running)", -left.toMillis() / 1000.0)
                : String.format(Locale.ROOT, "expires in %.1f s", left.toMillis() / 1000.0);
        return "site " + lease.holderSite() + " at epoch " + lease.epoch() + ", renewed " + lease.renewedAt() + ", "
                + when;
    }

    private static String lag(JsonObject r) {
        JsonElement e = r.get("lagSeconds");
        return e == null || e.isJsonNull() ? "-" : String.format(Locale.ROOT, "%.2f s", e.getAsDouble());
    }

    private static String yesNo(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "-" : e.getAsBoolean() ? "yes" : "no";
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "-" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
