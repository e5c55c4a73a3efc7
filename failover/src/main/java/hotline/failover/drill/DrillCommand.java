package hotline.failover.drill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import hotline.infra.local.FreePorts;
import hotline.infra.local.LocalStack;
import hotline.infra.local.SiteSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hotline drill}: starts the local two-site stack on embedded defaults (both sites, witness, controllers,
 * front door; free ports, its own state directory), runs the drills asked for under load, stores each drill's
 * evidence at the active site (hash-chained, replicated) and writes its JSON and HTML report to {@code --report-dir},
 * prints a summary, stops everything, and exits 0 only if every drill PASSED (1 if one failed or was refused, 2 on a
 * usage or start-up error). {@code --rounds N} repeats them and prints the RTO distribution (the benchmark).
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Run disaster-recovery drills on the local two-site stack and keep the evidence.")
public final class DrillCommand implements Callable<Integer> {

    @Option(names = "--kind", split = ",", defaultValue = "switchover,failover",
            description = "readiness, switchover, failover, chaos (comma-separated; default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--rounds", defaultValue = "1", description = "run the drills this many times (benchmark)")
    int rounds;

    @Option(names = "--desks", defaultValue = "4", description = "agent desks writing during a drill")
    int desks;

    @Option(names = "--report-dir", defaultValue = ".hotline-drill/reports", description = "where JSON and HTML evidence go")
    Path reportDir;

    @Option(names = "--state-dir", defaultValue = ".hotline-drill", description = "the drill stack's data (recreated)")
    Path stateDir;

    @Option(names = "--app-jar", description = "the hotline app's executable jar (local stack)")
    Path appJar;

    @Option(names = "--controller-jar", description = "the failover exec jar (local stack's controllers)")
    Path controllerJar;

    @Option(names = "--attach", description = "drill the running installation given by the topology options instead "
            + "of starting a local stack (readiness and switchover drills; a failover drill needs the local stack)")
    boolean attach;

    @Option(names = "--stable-url", defaultValue = "http://localhost:8080",
            description = "with --attach: the stable URL agents use (default: ${DEFAULT-VALUE})")
    URI stableUrl;

    @CommandLine.Mixin
    hotline.failover.cli.TopologyOptions topology;

    @Option(names = "--blackout", description = "FROM/TO days in which no switching drill starts (repeatable)")
    List<String> blackouts = new ArrayList<>();

    @Option(names = "--schedule", description = "a cron expression (Spring's six fields, e.g. '0 0 3 * * MON' in "
            + "Asia/Shanghai): stay up and run the drills at each match until stopped; every run is recorded as "
            + "trigger SCHEDULE")
    String schedule;

    @Option(names = "--no-switch-back", description = "a failover drill leaves the roles swapped (the lost site "
            + "returns as the standby); the next one kills the other site")
    boolean noSwitchBack;

    @Option(names = "--started-by", defaultValue = "${env:USER:-operator}", description = "who runs the drill (evidence)")
    String startedBy;

    @Option(names = "--trigger", defaultValue = "MANUAL", description = "MANUAL or SCHEDULE (evidence)")
    String trigger;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        for (String kind : kinds) {
            if (!List.of("readiness", "switchover", "failover", "chaos").contains(kind)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kind: unknown drill '" + kind
                        + "' (readiness, switchover, failover, chaos)");
            }
        }
        if (rounds < 1 || desks < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds and --desks must be at least 1");
        }
        List<BlackoutWindow> windows = new ArrayList<>();
        for (String b : blackouts) {
            try {
                windows.add(BlackoutWindow.parse(b, ZoneId.of("Asia/Shanghai")));
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--blackout: " + e.getMessage());
            }
        }
        Files.createDirectories(reportDir);
        if (attach) {
            DrillTarget target = topology.drillTarget(stableUrl);
            DrillRunner runner = new DrillRunner(target, DrillRunner.Targets.DEFAULTS, windows, desks, out);
            List<Evidence> all = new ArrayList<>();
            runAll(runner, target, out, all);
            return summarize(all, out);
        }
        if (appJar == null || controllerJar == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--app-jar and --controller-jar are needed to "
                    + "start the local stack (./hotline drill passes them), or use --attach");
        }
        for (Path jar : List.of(appJar, controllerJar)) {
            if (!Files.isRegularFile(jar)) {
                out.println("jar not found: " + jar.toAbsolutePath() + " (./hotline drill builds it)");
                return 2;
            }
        }
        LocalStack.Settings settings = new LocalStack.Settings(FreePorts.pick(), 0, 0, 0, 0, stateDir,
                SiteSpec.javaJar(appJar), Duration.ZERO, Duration.ofSeconds(300), FreePorts.pick(), 0, FreePorts.pick())
                .withControllers(new LocalStack.Controllers(SiteSpec.javaJar(controllerJar), 0, 0,
                        List.of("--hotline.failover.lease.duration=3s", "--hotline.failover.lease.renew-deadline=2s",
                                "--hotline.failover.lease.retry-period=500ms")))
                // the chaos drill arms Chaos Monkey at the standby through its actuator; disarmed it does nothing
                .withAppArguments(kinds.contains("chaos") ? List.of("--spring.profiles.active=demo,chaos-monkey") : List.of());
        ByteArrayOutputStream stackLog = new ByteArrayOutputStream();
        out.println("Starting the local two-site stack for the drill (state in " + stateDir.toAbsolutePath() + ") ...");
        long startedNanos = System.nanoTime();
        List<Evidence> all = new ArrayList<>();
        try (LocalStack stack = LocalStack.prepare(settings, new PrintStream(stackLog, true, StandardCharsets.UTF_8))) {
            Thread hook = new Thread(stack::close, "drill-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stack.startAll();
            } catch (RuntimeException e) {
                out.println("the stack did not start: " + e.getMessage());
                return 2;
            }
            out.printf(Locale.ROOT, "Stack up in %.0f s; waiting until site B streams and site A holds the lease ...%n",
                    (System.nanoTime() - startedNanos) / 1e9);
            DrillTarget target = DrillTarget.of(stack);
            DrillRunner runner = new DrillRunner(target, DrillRunner.Targets.DEFAULTS, windows, desks, out);
            awaitReady(runner, out);
            runAll(runner, target, out, all);
            Runtime.getRuntime().removeShutdownHook(hook);
            out.println("\nStopping the drill stack ...");
        }
        return summarize(all, out);
    }

    /** The drills asked for, {@code --rounds} times; with {@code --schedule}, again at every match until stopped. */
    private void runAll(DrillRunner runner, DrillTarget target, PrintStream out, List<Evidence> all) throws Exception {
        org.springframework.scheduling.support.CronExpression cron = null;
        if (schedule != null) {
            try {
                cron = org.springframework.scheduling.support.CronExpression.parse(schedule);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--schedule: " + e.getMessage());
            }
            trigger = "SCHEDULE";
        }
        do {
            if (cron != null) {
                java.time.ZonedDateTime now = java.time.ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
                java.time.ZonedDateTime next = cron.next(now);
                out.println("next scheduled drill at " + next + " (" + schedule + ")");
                Thread.sleep(Math.max(0, Duration.between(now, next).toMillis()));
            }
            for (int round = 1; round <= rounds; round++) {
                for (String kind : kinds) {
                    out.printf(Locale.ROOT, "%n== %s drill%s ==%n", kind, rounds > 1 ? " (round " + round + "/" + rounds + ")" : "");
                    Evidence evidence = switch (kind) {
                        case "readiness" -> runner.readiness(startedBy, trigger);
                        case "switchover" -> runner.switchover(startedBy, trigger);
                        case "chaos" -> runner.chaos(startedBy, trigger, Duration.ofSeconds(20));
                        default -> runner.failover(startedBy, trigger, !noSwitchBack);
                    };
                    all.add(evidence);
                    store(evidence, target, runner, out);
                }
            }
        } while (cron != null);
    }

    private static void awaitReady(DrillRunner runner, PrintStream out) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            List<Evidence.Step> failing = runner.readinessChecks().stream().filter(c -> !c.outcome().equals("ok")).toList();
            if (failing.isEmpty()) {
                return;
            }
            if (i % 15 == 14) {
                out.println("  not ready yet: " + String.join("; ", failing.stream().map(c -> c.name() + ": " + c.detail())
                        .toList()));
            }
            Thread.sleep(1000);
        }
        out.println("the stack did not become ready in 240 s; the drills' guards will say why");
    }

    /** POSTs the evidence to the active site, then writes its stored JSON and HTML report next to each other. */
    private int notStored;

    private void store(Evidence evidence, DrillTarget target, DrillRunner runner, PrintStream out) throws IOException {
        String name = evidence.startedAt().toString().replace(":", "").replace(".", "-") + "-" + evidence.kind();
        JsonObject json = evidence.toJson();
        Files.writeString(reportDir.resolve(name + ".submitted.json"), new GsonBuilder().setPrettyPrinting().create()
                .toJson(json));
        for (String figure : evidence.figures().stream().map(Evidence.Figure::describe).toList()) {
            out.println("  " + figure);
        }
        out.println("  result: " + evidence.result() + " (wall time " + String.format(Locale.ROOT, "%.1f s",
                evidence.wallTime().toMillis() / 1000.0) + ")");
        String lastAnswer = "";
        for (int attempt = 0; attempt < 60; attempt++) {
          // the active site stores it; a standby or a site in the middle of a switch refuses (503): try again
          for (String site : List.of("a", "b")) {
            try {
                HttpResponse<String> posted = send("POST", target.site(site).resolve("/api/ops/drills"), json.toString());
                if (posted.statusCode() != 201 && posted.statusCode() != 200) {
                    lastAnswer = "site " + site + " answered " + posted.statusCode() + ": " + posted.body();
                    if (posted.statusCode() == 400) {
                        attempt = 60;  // the evidence itself is refused: retrying does not help
                    }
                    continue;
                }
                String id = evidence.id();
                Files.writeString(reportDir.resolve(name + ".json"),
                        send("GET", target.site(site).resolve("/api/ops/drills/" + id), null).body());
                Path html = reportDir.resolve(name + ".html");
                Files.writeString(html, send("GET", target.site(site).resolve("/api/ops/drills/" + id + "/report"), null).body());
                out.println("  evidence stored at site " + site + " as drill " + id + "; report " + html.toAbsolutePath());
                return;
            } catch (IOException | RuntimeException e) {
                lastAnswer = "site " + site + ": " + e.getMessage();
            }
          }
          if (attempt < 59) {
              try {
                  Thread.sleep(1000);
              } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  break;
              }
          }
        }
        notStored++;
        out.println("  evidence NOT stored (" + lastAnswer + "); submitted JSON kept at "
                + reportDir.resolve(name + ".submitted.json").toAbsolutePath());
        evidence.note("evidence could not be stored at the active site");
    }

    private int summarize(List<Evidence> all, PrintStream out) {
        out.println("\n== drill summary ==");
        Map<String, List<Double>> rto = new TreeMap<>();
        Map<String, List<Double>> wall = new TreeMap<>();
        long rpoTotal = 0;
        boolean allPassed = true;
        for (Evidence e : all) {
            allPassed &= e.result() == Evidence.Result.PASSED;
            wall.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e.wallTime().toMillis() / 1000.0);
            for (Evidence.Figure f : e.figures()) {
                if (f.name().equals("rto") && f.value() < 1e5) {
                    rto.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(f.value());
                }
                if (f.name().equals("rto_back") && f.value() < 1e5) {
                    // the switch back is a planned switchover, whichever drill it ends
                    rto.computeIfAbsent("switchover", k -> new ArrayList<>()).add(f.value());
                }
                if (f.name().equals("rpo")) {
                    rpoTotal += (long) f.value();
                }
            }
            out.printf(Locale.ROOT, "%-10s %-8s %s%n", e.kind(), e.result(), String.join("; ", e.figures().stream()
                    .map(f -> f.name() + "=" + String.format(Locale.ROOT, "%.2f", f.value())).toList()));
        }
        rto.forEach((kind, values) -> out.printf(Locale.ROOT, "%s RTO (client-side write pause) over %d %ss: %s%n",
                kind, values.size(), kind, distribution(values)));
        wall.forEach((kind, values) -> out.printf(Locale.ROOT, "%s drill wall time over %d drills: %s%n", kind,
                values.size(), distribution(values)));
        out.println("acknowledged writes missing (RPO) over all drills: " + rpoTotal);
        if (notStored > 0) {
            out.println(notStored + " drill(s) could not store their evidence at the active site");
        }
        out.println(allPassed && notStored == 0 ? "ALL DRILLS PASSED" : "SOME DRILLS FAILED OR WERE REFUSED"
                + (notStored > 0 ? ", OR THEIR EVIDENCE IS NOT STORED" : ""));
        return allPassed && notStored == 0 ? 0 : 1;
    }

    static String distribution(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s, max %.2f s", percentile(sorted, 50),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static HttpResponse<String> send(String method, URI url, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static int run(String... args) {
        return new CommandLine(new DrillCommand()).execute(args);
    }
}
