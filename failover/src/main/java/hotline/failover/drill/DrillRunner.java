package hotline.failover.drill;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import hotline.failover.cli.Ctl;
import picocli.CommandLine;

/**
 * Runs disaster-recovery drills against a {@link DrillTarget} and collects their {@link Evidence}. Every switching
 * drill runs under the {@link LoadDriver}'s writes through the stable URL, and proves afterwards, in the database of
 * the site that is active then, that every acknowledged write is there (RPO), and with the consistency check that
 * both sites hold the same data (integrity). Switches go through the same {@code ctl} commands (and persisted
 * procedures) ops use, or, for the failover drill, through the controllers themselves after a real SIGKILL.
 *
 * <ul>
 *   <li><b>readiness</b>: no switch; the preconditions a switch needs, each a step that passes or fails.</li>
 *   <li><b>switchover</b>: to the standby and back, under load.</li>
 *   <li><b>failover</b>: the active site's processes are killed; the standby's controller must promote it by
 *       itself; then the lost site is restarted, failed back (quarantine) and switched back, leaving the stack as
 *       it was.</li>
 *   <li><b>chaos</b>: Chaos Monkey latency and exceptions in the standby's apply path under load, then
 *       convergence with RPO 0.</li>
 * </ul>
 * Guards (recorded as a REFUSED drill with the reason): an incident is open (an unfinished procedure, a fenced
 * site, automatic failover paused), the standby is not ready, or a blackout window is active.
 */
public final class DrillRunner {

    /** Targets a drill's figures are judged against. */
    public record Targets(double failoverRtoSeconds, double switchoverRtoSeconds, double agentInterruptionSeconds) {
        public static final Targets DEFAULTS = new Targets(10, 5, 15);
    }

    private final DrillTarget target;
    private final Targets targets;
    private final PrintStream progress;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<BlackoutWindow> blackouts;
    private final int desks;

    public DrillRunner(DrillTarget target, Targets targets, List<BlackoutWindow> blackouts, int desks,
                       PrintStream progress) {
        this.target = target;
        this.targets = targets;
        this.blackouts = List.copyOf(blackouts);
        this.desks = desks;
        this.progress = progress;
    }

    // ----------------------------------------------------------------------------------------------- readiness

    public Evidence readiness(String startedBy, String trigger) {
        Evidence evidence = new Evidence("readiness", startedBy, trigger, clock.instant());
        List<Evidence.Step> checks = readinessChecks();
        checks.forEach(evidence::step);
        long failed = checks.stream().filter(c -> !c.outcome().equals("ok")).count();
        evidence.figure(new Evidence.Figure("failed_preconditions", failed, "checks", 0, "=="));
        return evidence.finish(clock.instant(), false);
    }

    /** Each precondition of a switch as a step: ok or failed, with what was seen. */
    List<Evidence.Step> readinessChecks() {
        List<Evidence.Step> checks = new ArrayList<>();
        String active = activeSite().orElse(null);
        checks.add(check("activeSiteServing", () -> active != null ? ok("site " + active + " is ACTIVE and writable")
                : failed("no site is ACTIVE and writable")));
        String standby = active == null ? null : other(active);
        checks.add(check("standbyStreaming", () -> {
            if (standby == null) {
                return failed("no active site, so no standby to judge");
            }
            return standbyStreaming(get(target.site(standby), "/api/ops/replication"), standby);
        }));
        checks.add(check("slotHealthy", () -> {
            if (standby == null) {
                return failed("no standby");
            }
            return slotHealth(get(target.site(standby), "/api/ops/replication"), active);
        }));
        checks.add(check("backupSeatsProvisioned", () -> {
            if (standby == null) {
                return failed("no standby");
            }
            JsonObject plan = get(target.site(standby), "/api/roster/backup-seats?date="
                    + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
            int seats = plan.has("assignments") && plan.get("assignments").isJsonArray()
                    ? plan.getAsJsonArray("assignments").size() : 0;
            return seats > 0 ? ok(seats + " of " + text(plan, "seats") + " backup seats planned at site " + standby
                    + " today (" + text(plan, "source") + ")")
                    : failed("no backup seat is planned at site " + standby + " today");
        }));
        checks.add(check("routingPointsAtActive", () -> {
            Optional<String> routed = target.routing().get().currentSite();
            return routed.isPresent() && routed.get().equals(active) ? ok("the stable URL sends every channel to site "
                    + active) : failed("the stable URL sends traffic to " + routed.orElse("no known site")
                    + ", the active site is " + active);
        }));
        checks.add(check("leaseAuthorityReachable", () -> {
            return leaseAuthority(ctl("status").output(), active);
        }));
        checks.add(check("noIncidentOpen", () -> {
            Optional<String> incident = openIncident();
            return incident.isEmpty() ? ok("no unfinished procedure, no fenced site, automatic failover on")
                    : failed(incident.get());
        }));
        checks.add(check("controllersAnswering", () -> {
            List<String> silent = new ArrayList<>();
            for (String site : List.of("a", "b")) {
                try {
                    get(site.equals("a") ? target.controllerA() : target.controllerB(), "/api/controller/status");
                } catch (RuntimeException e) {
                    silent.add(site);
                }
            }
            return silent.isEmpty() ? ok("both controllers answer") : failed("controller(s) not answering: " + silent);
        }));
        return checks;
    }

    // ----------------------------------------------------------------------------------------------- switchover

    /** Switchover to the standby and back, under load. */
    public Evidence switchover(String startedBy, String trigger) throws InterruptedException {
        Evidence evidence = new Evidence("switchover", startedBy, trigger, clock.instant());
        Optional<String> refusal = guard(evidence);
        if (refusal.isPresent()) {
            return evidence.finish(clock.instant(), true);
        }
        String from = activeSite().orElseThrow();
        String to = other(from);
        LoadDriver load = startLoad(evidence);
        if (load == null) {
            return evidence.finish(clock.instant(), false);
        }
        List<LoadDriver.Ack> acks;
        try {
            awaitAcks(evidence, load, "writesAtSite" + upper(from), from, 20);
            CtlRun there = timedCtl(evidence, "switchoverTo" + upper(to), "switchover", "--to", to, "--yes");
            if (there.exit() == Ctl.DONE) {
                recordProcedureSteps(evidence, there.output(), "");
                awaitAcks(evidence, load, "writesAtSite" + upper(to), to, 20);
                awaitStreaming(evidence, from);
                CtlRun back = timedCtl(evidence, "switchoverBackTo" + upper(from), "switchover", "--to", from, "--yes");
                if (back.exit() == Ctl.DONE) {
                    awaitAcks(evidence, load, "writesAtSite" + upper(from) + "Again", from, 20);
                }
            }
        } finally {
            acks = load.stop();
        }
        judge(evidence, acks, from, to, targets.switchoverRtoSeconds(), activeSite().orElse(from));
        backFigure(evidence, acks, to, from);
        awaitStreaming(evidence, to);
        integrity(evidence);
        return evidence.finish(clock.instant(), false);
    }

    // ----------------------------------------------------------------------------------------------- failover

    /**
     * The active site's processes are killed (SIGKILL: controller, app, PostgreSQL); its standby's controller must
     * promote by itself. RPO is checked in the new active's database before anything else happens; then the lost
     * site is restarted, failed back (its orphans quarantined) and switched back to, leaving the stack as it was.
     */
    public Evidence failover(String startedBy, String trigger) throws InterruptedException {
        return failover(startedBy, trigger, true);
    }

    /**
     * As {@link #failover(String, String)}; with {@code switchBack} false the lost site only comes back as the
     * standby (its controller demotes it, it quarantines its orphans and resyncs) and the roles stay swapped: the
     * next failover drill then kills the other site (the RTO benchmark alternates this way).
     */
    public Evidence failover(String startedBy, String trigger, boolean switchBack) throws InterruptedException {
        Evidence evidence = new Evidence("failover", startedBy, trigger, clock.instant());
        if (target.stack().isEmpty()) {
            evidence.step(new Evidence.Step("guard", clock.instant(), clock.instant(), "refused",
                    "a failover drill kills the active site's processes: it needs the local stack started by the drill "
                            + "(on Kubernetes, the drill CronJob deletes the active site's pods instead)"));
            return evidence.finish(clock.instant(), true);
        }
        Optional<String> refusal = guard(evidence);
        if (refusal.isPresent()) {
            return evidence.finish(clock.instant(), true);
        }
        String lost = activeSite().orElseThrow();
        String survivor = other(lost);
        LoadDriver load = startLoad(evidence);
        if (load == null) {
            return evidence.finish(clock.instant(), false);
        }
        List<LoadDriver.Ack> acks;
        try {
            awaitAcks(evidence, load, "writesAtSite" + upper(lost), lost, 30);
            timed(evidence, "killSite" + upper(lost), () -> {
                target.stack().get().killSite(lost);
                return "SIGKILL of site " + lost + "'s controller, app and PostgreSQL";
            });
            timed(evidence, "awaitAutomaticFailover", () -> {
                boolean promoted = waitUntil(Duration.ofSeconds(60), () -> isActive(survivor));
                if (!promoted) {
                    throw new IllegalStateException("site " + survivor + " was not promoted within 60 s: "
                            + controllerReason(survivor));
                }
                return "site " + survivor + "'s controller promoted it: " + controllerReason(survivor);
            });
            awaitAcks(evidence, load, "writesAtSite" + upper(survivor), survivor, 20);
        } finally {
            acks = load.stop();
        }
        recordProcedureSteps(evidence, procedureReport(), "");
        judge(evidence, acks, lost, survivor, targets.failoverRtoSeconds(), survivor);
        timed(evidence, "restartSite" + upper(lost), () -> {
            target.stack().get().restartSite(lost);
            return "site " + lost + "'s PostgreSQL, app and controller restarted";
        });
        CtlRun failback = timedCtl(evidence, "failback", "failback", "--yes");
        evidence.quarantined(quarantineCount(failback.output()));
        if (failback.exit() == Ctl.DONE && !switchBack) {
            awaitStreaming(evidence, lost);
        } else if (failback.exit() == Ctl.DONE) {
            LoadDriver back = startLoad(evidence);
            if (back != null) {
                List<LoadDriver.Ack> backAcks;
                try {
                    awaitAcks(evidence, back, "writesAtSite" + upper(survivor) + "BeforeSwitchBack", survivor, 20);
                    timedCtl(evidence, "switchoverBackTo" + upper(lost), "switchover", "--to", lost, "--yes");
                    awaitAcks(evidence, back, "writesAtSite" + upper(lost) + "Again", lost, 20);
                } finally {
                    backAcks = back.stop();
                }
                backFigure(evidence, backAcks, survivor, lost);
                rpoStep(evidence, backAcks, lost, "checkRpoAfterSwitchBack");
            }
            awaitStreaming(evidence, survivor);
        }
        integrity(evidence);
        return evidence.finish(clock.instant(), false);
    }

    // ----------------------------------------------------------------------------------------------- chaos

    /**
     * Chaos Monkey for Spring Boot at the standby (its {@code chaos-monkey} profile; the drill stack starts both apps
     * with it): latency and exceptions in the replication apply path ({@code ChangeApplier.apply}) while the desks
     * write at the active site for {@code assaultFor}; then the assaults are disarmed and the standby must converge:
     * every acknowledged write in its database (RPO 0) and the consistency check equal.
     */
    public Evidence chaos(String startedBy, String trigger, Duration assaultFor) throws InterruptedException {
        Evidence evidence = new Evidence("chaos", startedBy, trigger, clock.instant());
        Optional<String> refusal = guard(evidence);
        if (refusal.isPresent()) {
            return evidence.finish(clock.instant(), true);
        }
        String active = activeSite().orElseThrow();
        String standby = other(active);
        URI monkey = target.site(standby);
        try {
            get(monkey, "/actuator/chaosmonkey/status");
        } catch (RuntimeException e) {
            evidence.step(new Evidence.Step("chaosMonkeyAvailable", clock.instant(), clock.instant(), "failed",
                    "site " + standby + " does not run the chaos-monkey profile: " + e.getMessage()));
            return evidence.finish(clock.instant(), false);
        }
        LoadDriver load = startLoad(evidence);
        if (load == null) {
            return evidence.finish(clock.instant(), false);
        }
        List<LoadDriver.Ack> acks;
        double[] maxLag = {0};
        try {
            awaitAcks(evidence, load, "writesAtSite" + upper(active), active, 20);
            timed(evidence, "armAssaults", () -> {
                post(monkey, "/actuator/chaosmonkey/assaults", "{\"level\":1,\"latencyActive\":true,"
                        + "\"latencyRangeStart\":300,\"latencyRangeEnd\":1200,\"exceptionsActive\":true}");
                post(monkey, "/actuator/chaosmonkey/enable", null);
                return "site " + standby + ": latency 300-1200 ms and exceptions in ChangeApplier.apply, every call";
            });
            timed(evidence, "underAssault", () -> {
                Instant until = clock.instant().plus(assaultFor);
                while (clock.instant().isBefore(until)) {
                    try {
                        JsonObject r = get(monkey, "/api/ops/replication");
                        if (r.has("lagSeconds")) {
                            maxLag[0] = Math.max(maxLag[0], r.get("lagSeconds").getAsDouble());
                        }
                    } catch (RuntimeException e) {
                        // the standby is busy failing: keep sampling
                    }
                    Thread.sleep(500);
                }
                return String.format(Locale.ROOT, "%d s of writes at site %s; site %s's CDC lag reached %.1f s",
                        assaultFor.toSeconds(), active, standby, maxLag[0]);
            });
        } finally {
            try {
                post(monkey, "/actuator/chaosmonkey/disable", null);
            } catch (RuntimeException e) {
                evidence.note("could not disarm the chaos monkey at site " + standby + ": " + e.getMessage());
            }
            acks = load.stop();
        }
        evidence.step(new Evidence.Step("disarmAssaults", clock.instant(), clock.instant(), "ok",
                "chaos monkey disabled at site " + standby));
        timed(evidence, "awaitConvergence", () -> {
            String[] lastSeen = {"no answer"};
            boolean converged = waitUntil(Duration.ofSeconds(240), () -> {
                try {
                    JsonObject r = get(monkey, "/api/ops/replication");
                    lastSeen[0] = "CDC " + text(r, "cdcState") + (r.has("cdcReason") ? " (" + text(r, "cdcReason") + ")" : "")
                            + ", lag " + (r.has("lagSeconds") ? r.get("lagSeconds").getAsDouble() + " s" : "unknown");
                    if (!(text(r, "cdcState").equals("STREAMING") && r.get("lagSeconds").getAsDouble() < 2)) {
                        return false;
                    }
                    JsonObject consistency = get(target.site(active), "/api/ops/consistency?attempts=3");
                    if (!consistency.get("equal").getAsBoolean()) {
                        lastSeen[0] += "; differing: " + String.join(", ", differingTables(consistency));
                        return false;
                    }
                    return true;
                } catch (RuntimeException e) {
                    lastSeen[0] = e.getMessage();
                    return false;
                }
            });
            if (!converged) {
                throw new IllegalStateException("site " + standby + " did not converge within 240 s after the assaults;"
                        + " last seen: " + lastSeen[0]);
            }
            return "site " + standby + " streams with a small lag and equals site " + active;
        });
        evidence.figure(new Evidence.Figure("max_lag_under_assault", maxLag[0], "s", 600, "<="));
        evidence.figure(new Evidence.Figure("rpo", rpoStep(evidence, acks, standby, "checkRpo"), "writes", 0, "=="));
        integrity(evidence);
        return evidence.finish(clock.instant(), false);
    }

    // ----------------------------------------------------------------------------------------------- evidence

    /**
     * Figures from the client-side acks: RTO (last ack by {@code from} → first by {@code to}), RPO (acknowledged
     * writes missing in the database of {@code checkAt}, the site active after the switch), the longest gap a desk
     * saw.
     */
    private void judge(Evidence evidence, List<LoadDriver.Ack> acks, String from, String to, double rtoTarget,
                       String checkAt) {
        Optional<LoadDriver.Gap> rto = LoadDriver.handover(acks, from, to);
        evidence.figure(new Evidence.Figure("rto", rto.map(g -> g.millis() / 1000.0).orElse(999_999.0),
                "s", rtoTarget, "<="));
        rto.ifPresentOrElse(g -> evidence.note(String.format(Locale.ROOT, "RTO: last write acknowledged by site %s at "
                        + "%s, first by site %s at %s", from, g.before().at(), to, g.after().at())),
                () -> evidence.note("RTO not measured: no write was acknowledged by site " + to + " after site " + from));
        evidence.figure(new Evidence.Figure("rpo", rpoStep(evidence, acks, checkAt, "checkRpo"), "writes", 0, "=="));
        LoadDriver.longestDeskGap(acks).ifPresent(g -> evidence.figure(new Evidence.Figure("agent_interruption",
                g.millis() / 1000.0, "s", targets.agentInterruptionSeconds(), "<=")));
        evidence.note(acks.size() + " writes acknowledged during the drill");
    }

    /** The write pause of the switch back (a planned switchover): figure {@code rto_back}. */
    private void backFigure(Evidence evidence, List<LoadDriver.Ack> acks, String from, String to) {
        LoadDriver.handover(acks, from, to).ifPresentOrElse(
                g -> evidence.figure(new Evidence.Figure("rto_back", g.millis() / 1000.0, "s",
                        targets.switchoverRtoSeconds(), "<=")),
                () -> evidence.figure(new Evidence.Figure("rto_back", 999_999.0, "s", targets.switchoverRtoSeconds(), "<=")));
    }

    /** An extra RPO check (a step, not a figure: figure names are unique per drill). */
    /**
     * Step {@code name}: the acknowledged writes looked up in site {@code at}'s database. Returns how many are missing
     * (all of them when the database cannot be read: nothing is proven then).
     */
    private long rpoStep(Evidence evidence, List<LoadDriver.Ack> acks, String at, String name) {
        Instant started = clock.instant();
        try {
            Missing m = missingWrites(acks, at);
            evidence.step(new Evidence.Step(name, started, clock.instant(), m.count() == 0 ? "ok" : "failed",
                    acks.size() + " acknowledged writes checked in site " + at + "'s database: " + m.describe()));
            return m.count();
        } catch (Exception e) {
            evidence.step(new Evidence.Step(name, started, clock.instant(), "failed",
                    "could not read site " + at + "'s database: " + e.getMessage()));
            return acks.size();
        }
    }

    private record Missing(long count, List<String> examples) {
        String describe() {
            return count == 0 ? "all present" : count + " missing, e.g. " + examples;
        }
    }

    /** Creates whose ticket is absent, and updates whose version the ticket has not reached, at site {@code at}. */
    private Missing missingWrites(List<LoadDriver.Ack> acks, String at) throws Exception {
        Map<String, Long> highest = new HashMap<>();
        for (LoadDriver.Ack a : acks) {
            if (!a.ticketId().isEmpty()) {
                highest.merge(a.ticketId(), a.version(), Math::max);
            }
        }
        Map<String, Long> stored = new HashMap<>();
        try (Connection c = target.database(at);
             PreparedStatement p = c.prepareStatement("select id::text, version from ticket where id = any(?::uuid[])")) {
            p.setArray(1, c.createArrayOf("text", highest.keySet().toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<String> examples = new ArrayList<>();
        long missing = 0;
        for (var e : highest.entrySet()) {
            Long version = stored.get(e.getKey());
            if (version == null || version < e.getValue()) {
                missing++;
                if (examples.size() < 5) {
                    examples.add(e.getKey() + (version == null ? " (absent)" : " (version " + version + " < " + e.getValue() + ")"));
                }
            }
        }
        return new Missing(missing, examples);
    }

    /** The consistency check at the active site, both sites' per-table counts and checksums as proof. */
    private void integrity(Evidence evidence) {
        Instant started = clock.instant();
        String active = activeSite().orElse("a");
        try {
            JsonObject report = get(target.site(active), "/api/ops/consistency?attempts=20");
            List<Evidence.TableProof> here = new ArrayList<>();
            List<Evidence.TableProof> peer = new ArrayList<>();
            for (JsonElement e : report.getAsJsonArray("tables")) {
                JsonObject t = e.getAsJsonObject();
                here.add(new Evidence.TableProof(text(t, "table"), t.get("rowsHere").getAsLong(), hex(text(t, "checksumHere"))));
                peer.add(new Evidence.TableProof(text(t, "table"), t.get("rowsPeer").getAsLong(), hex(text(t, "checksumPeer"))));
            }
            evidence.integrity(active, here);
            evidence.integrity(other(active), peer);
            boolean equal = report.get("equal").getAsBoolean();
            int differing = report.has("differingTables") ? report.get("differingTables").getAsInt() : 0;
            evidence.step(new Evidence.Step("checkIntegrity", started, clock.instant(), equal ? "ok" : "failed",
                    here.size() + " tables compared: " + (equal ? "equal" : differing + " differ ("
                            + String.join(", ", differingTables(report)) + ")")));
            evidence.figure(new Evidence.Figure("integrity_differences", differing, "tables", 0, "=="));
        } catch (RuntimeException e) {
            evidence.step(new Evidence.Step("checkIntegrity", started, clock.instant(), "failed", e.getMessage()));
            evidence.figure(new Evidence.Figure("integrity_differences", 1, "tables", 0, "=="));
        }
    }

    /** Names (with both row counts) of the tables a consistency report found different. */
    private static List<String> differingTables(JsonObject report) {
        List<String> names = new ArrayList<>();
        for (JsonElement e : report.getAsJsonArray("tables")) {
            JsonObject t = e.getAsJsonObject();
            boolean same = t.has("equal") ? t.get("equal").getAsBoolean()
                    : t.get("rowsHere").equals(t.get("rowsPeer")) && t.get("checksumHere").equals(t.get("checksumPeer"));
            if (!same) {
                names.add(text(t, "table") + " " + t.get("rowsHere").getAsLong() + "/" + t.get("rowsPeer").getAsLong() + " rows");
            }
        }
        return names;
    }

    /** The routing and seat switch times of the last procedure run, as figures (informational: no target). */
    private void recordProcedureSteps(Evidence evidence, String ctlOutput, String prefix) {
        String report = procedureReport();
        for (String line : report.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && (f[0].equals("switchRouting") || f[0].equals("switchSeats")) && f[2].matches("\\d+")) {
                double seconds = Long.parseLong(f[2]) / 1000.0;
                evidence.figure(new Evidence.Figure(prefix + (f[0].equals("switchRouting") ? "routing_switch"
                        : "seat_switch"), seconds, "s", 10, "<="));
            }
        }
    }

    /** The latest procedure run in the witness, one line per step: name, status, milliseconds, note. */
    String procedureReport() {
        try (Connection c = target.witness().open();
             java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select kind, id, status, steps::text from hotline_procedure_run "
                     + "order by id desc limit 1")) {
            if (!rs.next()) {
                return "";
            }
            StringBuilder out = new StringBuilder(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3) + "\n");
            for (JsonElement e : JsonParser.parseString(rs.getString(4)).getAsJsonArray()) {
                JsonObject step = e.getAsJsonObject();
                String started = text(step, "startedAt");
                String ended = text(step, "endedAt");
                long ms = started.equals("-") || ended.equals("-") ? -1
                        : Duration.between(Instant.parse(started), Instant.parse(ended)).toMillis();
                out.append(String.format(Locale.ROOT, "  %s %s %d %s%n", text(step, "name"), text(step, "status"), ms,
                        text(step, "note")));
            }
            return out.toString();
        } catch (Exception e) {
            return "";
        }
    }

    // ----------------------------------------------------------------------------------------------- guards

    /** Refuses (records a REFUSED guard step) when a blackout window is on, an incident is open or the standby is not ready. */
    private Optional<String> guard(Evidence evidence) {
        Instant now = clock.instant();
        Optional<String> refusal = blackouts.stream().filter(w -> w.covers(now)).findFirst()
                .map(w -> "blackout window " + w + " is active");
        if (refusal.isEmpty()) {
            refusal = openIncident().map(i -> "an incident is open: " + i);
        }
        if (refusal.isEmpty()) {
            List<Evidence.Step> failed = readinessChecks().stream().filter(c -> !c.outcome().equals("ok")).toList();
            if (!failed.isEmpty()) {
                refusal = Optional.of("the standby is not ready: " + String.join("; ", failed.stream()
                        .map(c -> c.name() + ": " + c.detail()).toList()));
            }
        }
        evidence.step(new Evidence.Step("guard", now, clock.instant(), refusal.isPresent() ? "refused" : "ok",
                refusal.orElse("no blackout window, no open incident, standby ready")));
        refusal.ifPresent(r -> progress.println("drill refused: " + r));
        return refusal;
    }

    /** An unfinished procedure, a fenced site, or automatic failover paused: a human is working on something. */
    Optional<String> openIncident() {
        CtlRun status = ctl("status");
        String out = status.output();
        List<String> open = new ArrayList<>();
        String procedure = line(out, "procedure:");
        if (procedure.contains(" RUNNING") || procedure.contains("at step")) {
            open.add(procedure);
        }
        if (out.contains("automatic: PAUSED")) {
            open.add(line(out, "automatic:"));
        }
        if (out.contains("witness:   UNREACHABLE")) {
            open.add(line(out, "witness:"));   // pause, operator fences and procedure runs are unknown
        } else if (!line(out, "ops fence:").endsWith("none")) {
            open.add(line(out, "ops fence:"));
        }
        for (String site : List.of("a", "b")) {
            try {
                JsonObject s = get(target.site(site), "/api/site");
                if (s.get("fenced").getAsBoolean()) {
                    open.add("site " + site + " is fenced");
                }
            } catch (RuntimeException e) {
                open.add("site " + site + " does not answer");
            }
        }
        return open.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", open));
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private LoadDriver startLoad(Evidence evidence) {
        Instant started = clock.instant();
        try {
            LoadDriver load = LoadDriver.start(target.stableUrl(), desks);
            evidence.step(new Evidence.Step("startLoad", started, clock.instant(), "ok", desks
                    + " agent desks logged in through " + target.stableUrl() + ", creating and screening tickets"));
            return load;
        } catch (Exception e) {
            evidence.step(new Evidence.Step("startLoad", started, clock.instant(), "failed", e.getMessage()));
            return null;
        }
    }

    private void awaitAcks(Evidence evidence, LoadDriver load, String name, String site, int count) {
        timed(evidence, name, () -> {
            int before = (int) load.acks().stream().filter(a -> a.site().equals(site)).count();
            boolean reached = waitUntil(Duration.ofSeconds(90), () ->
                    load.acks().stream().filter(a -> a.site().equals(site)).count() >= before + count);
            if (!reached) {
                throw new IllegalStateException("fewer than " + count + " writes acknowledged by site " + site
                        + " within 90 s (" + load.refused() + " refused or failed attempts)");
            }
            return count + " writes acknowledged by site " + site;
        });
    }

    private void awaitStreaming(Evidence evidence, String site) {
        timed(evidence, "awaitStreamingAtSite" + upper(site), () -> {
            // streaming and caught up (a fresh resync reports a stale lag until its first heartbeat is applied):
            // what a planned switchover back requires
            boolean streaming = waitUntil(Duration.ofSeconds(240), () -> {
                try {
                    JsonObject r = get(target.site(site), "/api/ops/replication");
                    return text(r, "cdcState").equals("STREAMING") && r.has("lagSeconds")
                            && r.get("lagSeconds").getAsDouble() <= 2;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            if (!streaming) {
                throw new IllegalStateException("site " + site + " does not stream with a lag of at most 2 s after 240 s");
            }
            return "site " + site + " streams from the active site, lag at most 2 s";
        });
    }

    private interface Action {
        String run() throws Exception;
    }

    private void timed(Evidence evidence, String name, Action action) {
        Instant started = clock.instant();
        progress.printf(Locale.ROOT, "  %-28s ...%n", name);
        String outcome = "ok";
        String detail;
        try {
            detail = action.run();
        } catch (Exception e) {
            outcome = "failed";
            detail = e.getMessage();
        }
        Instant ended = clock.instant();
        evidence.step(new Evidence.Step(name, started, ended, outcome, detail));
        progress.printf(Locale.ROOT, "  %-28s %s in %.1f s: %s%n", name, outcome.equals("ok") ? "done" : "FAILED",
                Duration.between(started, ended).toMillis() / 1000.0, detail);
    }

    private CtlRun timedCtl(Evidence evidence, String name, String... args) {
        CtlRun[] run = new CtlRun[1];
        timed(evidence, name, () -> {
            run[0] = ctl(args);
            String last = lastLine(run[0].output());
            if (run[0].exit() != Ctl.DONE) {
                throw new IllegalStateException("ctl " + String.join(" ", args) + " exited " + run[0].exit() + ": " + last);
            }
            return last;
        });
        return run[0] == null ? new CtlRun(Ctl.UNREACHABLE, "") : run[0];
    }

    record CtlRun(int exit, String output) {
    }

    CtlRun ctl(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Ctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute(Stream.concat(Stream.of(args), target.ctlOptions().stream()).toArray(String[]::new));
        return new CtlRun(exit, out.toString());
    }

    private Optional<String> activeSite() {
        for (String site : List.of("a", "b")) {
            if (isActive(site)) {
                return Optional.of(site);
            }
        }
        return Optional.empty();
    }

    private boolean isActive(String site) {
        try {
            JsonObject s = get(target.site(site), "/api/site");
            return text(s, "role").equals("ACTIVE") && !s.get("fenced").getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String controllerReason(String site) {
        try {
            return text(get(site.equals("a") ? target.controllerA() : target.controllerB(), "/api/controller/status"),
                    "reason");
        } catch (RuntimeException e) {
            return "(controller of site " + site + " not answering)";
        }
    }

    private static int quarantineCount(String failbackOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"open(?:Entries)?\"\\s*:\\s*(\\d+)")
                .matcher(failbackOutput);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    JsonObject get(URI base, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:demo"
                            .getBytes(StandardCharsets.UTF_8))).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + base.resolve(path) + " answered " + r.statusCode());
            }
            return JsonParser.parseString(r.body()).getAsJsonObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void post(URI base, String path, String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:demo"
                            .getBytes(StandardCharsets.UTF_8))).header("Content-Type", "application/json")
                    .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("POST " + base.resolve(path) + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("POST " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean waitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** The readiness check of the standby's CDC: STREAMING, with a known lag of at most 5 s. */
    static String[] standbyStreaming(JsonObject replicationView, String standby) {
        String state = text(replicationView, "cdcState");
        boolean lagKnown = replicationView.has("lagSeconds") && !replicationView.get("lagSeconds").isJsonNull();
        double lag = lagKnown ? replicationView.get("lagSeconds").getAsDouble() : Double.NaN;
        String seen = "site " + standby + " CDC " + state + ", lag "
                + (lagKnown ? String.format(Locale.ROOT, "%.2f s", lag) : "unknown");
        return state.equals("STREAMING") && lagKnown && lag <= 5 ? ok(seen)
                : failed(seen + " (must be STREAMING and at most 5 s)");
    }

    /** The readiness check of the lease authority, from {@code ctl status}: it answers and names the active site. */
    static String[] leaseAuthority(String ctlStatusOutput, String active) {
        String leaseLine = line(ctlStatusOutput, "lease:");
        boolean leaseOk = active != null && ctlStatusOutput.contains("lease:     site " + active + " at epoch")
                && !ctlStatusOutput.contains("lease:     UNREACHABLE");
        return leaseOk ? ok(leaseLine) : failed(leaseLine);
    }

    /**
     * The readiness check of the standby's slot at the active site, from the standby's {@code /api/ops/replication}
     * view: the slot must exist, PostgreSQL must not have invalidated it ({@code wal_status lost} or an
     * invalidation reason), and the standby's CDC must not be in {@code SLOT_LOST}.
     */
    static String[] slotHealth(JsonObject replicationView, String active) {
        JsonObject slot = replicationView.has("slot") && replicationView.get("slot").isJsonObject()
                ? replicationView.getAsJsonObject("slot") : null;
        if (slot == null) {
            return failed("site " + other(active) + " has not checked its slot at site " + active + " yet"
                    + (replicationView.has("slotCheckError") ? ": " + text(replicationView, "slotCheckError") : ""));
        }
        String name = "slot " + text(slot, "name") + " at site " + active;
        if (!(slot.has("exists") && slot.get("exists").getAsBoolean())) {
            return failed(name + " does not exist");
        }
        boolean invalidated = "lost".equals(text(slot, "walStatus")) || !text(slot, "invalidationReason").equals("-");
        if (invalidated) {
            return failed(name + " is lost (wal_status " + text(slot, "walStatus") + ", invalidation "
                    + text(slot, "invalidationReason") + ")");
        }
        if ("SLOT_LOST".equals(text(replicationView, "cdcState"))) {
            return failed(name + " is lost for site " + other(active) + "'s CDC: " + text(replicationView, "cdcReason"));
        }
        return ok(name + " exists, WAL behind " + text(slot, "walBehindBytes") + " bytes");
    }

    private static Evidence.Step check(String name, java.util.function.Supplier<String[]> check) {
        Instant started = Instant.now();
        String[] result;
        try {
            result = check.get();
        } catch (RuntimeException e) {
            result = failed(e.getMessage());
        }
        return new Evidence.Step(name, started, Instant.now(), result[0], result[1]);
    }

    private static String[] ok(String detail) {
        return new String[]{"ok", detail};
    }

    private static String[] failed(String detail) {
        return new String[]{"failed", detail};
    }

    static String other(String site) {
        return site.equals("a") ? "b" : "a";
    }

    private static String upper(String site) {
        return site.toUpperCase(Locale.ROOT);
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "-";
    }

    /** The consistency check's checksum (already unsigned hex) in the evidence's form: lower-case hex digits only. */
    static String hex(String checksum) {
        String clean = checksum.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        return clean.isEmpty() ? "0" : clean;
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().map(String::strip).orElse(prefix + " (missing)");
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

}
