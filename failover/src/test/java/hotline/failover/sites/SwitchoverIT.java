package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.failover.cli.Ctl;
import hotline.failover.drill.LoadDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./hotline ctl switchover --to b --yes} on the real local two-site stack while logged-in desks keep writing
 * through the front door: the real step chain (HTTP and JDBC site clients, witness lease and procedure store on site
 * A's PostgreSQL, front door routing). Afterwards B is ACTIVE at epoch + 1 and A its STANDBY, every acknowledged
 * write is in B's database, both sites are consistent, the desks' sessions went on at B, and the client-side write
 * pause is printed.
 */
class SwitchoverIT {

    @TempDir
    Path state;

    @Test
    void switchesOverToTheStandbyUnderContinuousWritesWithoutLosingAnAcknowledgedWrite() throws Exception {
        try (LocalSites sites = new LocalSites(state)) {
            await("B streaming from A").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    LocalSites.send("GET", sites.b().resolve("/api/ops/replication"), "ops", null).body()
                            .contains("\"cdcState\":\"STREAMING\""));
            long epochBefore = epoch(LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body());

            // logged in once through the front door, as agents are: the session lives in the grid and must carry
            // on at site B after the switch
            LoadDriver desks = LoadDriver.start(sites.frontDoor(), 4);
            await("writes acknowledged before the switchover").atMost(Duration.ofSeconds(90)).until(() -> desks.acknowledged() >= 40);

            // before anything changes: asking for the site that already is active is a printed no-op, and a
            // lag limit the standby cannot meet is a refusal that leaves everything as it was
            assertThat(ctl(sites, "switchover", "--to", "a", "--yes")).satisfies(r -> {
                assertThat(r.exit()).as(r.output()).isEqualTo(0);
                assertThat(r.output()).contains("site a already is the active site at epoch " + epochBefore + ": nothing to do");
            });
            assertThat(ctl(sites, "switchover", "--to", "b", "--yes", "--max-lag", "PT0.000001S")).satisfies(r -> {
                assertThat(r.exit()).as(r.output()).isEqualTo(1);
                assertThat(r.output()).contains("refused: site b's CDC lag");
            });
            assertThat(LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body())
                    .contains("\"role\":\"ACTIVE\"").contains("\"fenced\":false");
            assertThat(ctl(sites, "status").output()).as("a refusal changes nothing, not even the lease")
                    .contains("lease:     none stored yet");

            // the runbook, command by command: status, switchover, status
            List<String[]> runbook = Runbook.ctlCommands(Path.of("../runbooks/switchover.md"));
            assertThat(runbook).extracting(c -> String.join(" ", c)).containsExactly(
                    "status", "switchover --to b --yes", "status");
            CtlRun before = ctl(sites, runbook.get(0));
            System.out.println("runbook step 1, ctl status (exit " + before.exit() + "):\n" + before.output());
            assertThat(before.exit()).as(before.output()).isEqualTo(0);
            long switchStarted = System.nanoTime();
            CtlRun switchover = ctl(sites, runbook.get(1));
            long switchEnded = System.nanoTime();
            int exit = switchover.exit();
            StringWriter console = new StringWriter();
            console.write(switchover.output());
            System.out.println("runbook step 2, ctl switchover --to b --yes (exit " + exit + "):\n" + console);
            assertThat(exit).as(console.toString()).isEqualTo(0);
            assertThat(console.toString()).contains("no lease was stored (no controller has run): created it from the "
                    + "sites' view: site a at epoch " + epochBefore).contains("SUCCEEDED");

            int acksAtSwitchEnd = desks.acknowledged();
            await("writes acknowledged by site B through the front door").atMost(Duration.ofSeconds(60))
                    .until(() -> desks.acknowledged() >= acksAtSwitchEnd + 40);
            List<LoadDriver.Ack> acked = desks.stop();

            String siteB = LocalSites.send("GET", sites.b().resolve("/api/site"), "ops", null).body();
            String siteA = LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body();
            assertThat(siteB).contains("\"role\":\"ACTIVE\"").contains("\"fenced\":false");
            assertThat(epoch(siteB)).isEqualTo(epochBefore + 1);
            assertThat(siteA).contains("\"role\":\"STANDBY\"").contains("\"activeSite\":\"b\"");
            assertThat(epoch(siteA)).isEqualTo(epochBefore + 1);

            List<String> ids = acked.stream().map(LoadDriver.Ack::ticketId).filter(id -> !id.isEmpty()).distinct().toList();
            Set<String> missing = new TreeSet<>(ids);
            missing.removeAll(sites.ticketsAtB(ids));
            assertThat(missing).as("acknowledged writes missing at site B (of %d)", ids.size()).isEmpty();
            long acksBefore = acked.stream().filter(a -> a.atNanos() < switchStarted).count();
            long acksAfter = acked.stream().filter(a -> a.atNanos() > switchEnded).count();
            assertThat(acksAfter).as("the desks' sessions went on at site B").isGreaterThanOrEqualTo(40);

            // the write pause seen by the desks: the longest gap between two acknowledged writes around the switch
            LoadDriver.Gap pause = LoadDriver.handover(acked, "a", "b").orElseThrow();

            await("A streams from B (resync of A from B, then CDC)").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1)).until(() ->
                    LocalSites.send("GET", sites.a().resolve("/api/ops/replication"), "ops", null).body()
                            .contains("\"cdcState\":\"STREAMING\""));
            String consistency = LocalSites.send("GET", sites.b().resolve("/api/ops/consistency?attempts=20"), "ops", null).body();
            assertThat(consistency).as(consistency).contains("\"equal\":true");

            CtlRun after = ctl(sites, runbook.get(2));
            System.out.println("runbook step 3, ctl status (exit " + after.exit() + "):\n" + after.output());
            assertThat(after.exit()).isEqualTo(0);
            assertThat(after.output()).contains("lease:     site b at epoch " + (epochBefore + 1))
                    .contains("every channel goes to site b");

            StringWriter again = new StringWriter();
            CommandLine repeat = Ctl.commandLine();
            repeat.setOut(new PrintWriter(again, true));
            int repeatExit = repeat.execute(Stream.concat(Stream.of("switchover", "--to", "b", "--yes"),
                    sites.ctlOptions().stream()).toArray(String[]::new));
            assertThat(repeatExit).as(again.toString()).isEqualTo(0);
            assertThat(again.toString()).contains("site b already is the active site at epoch " + (epochBefore + 1)
                    + ": nothing to do");

            System.out.printf("switchover a→b under writes: %d acknowledged (%d before the switch, %d after), 0 lost, "
                            + "%d refused/failed attempts; ctl took %d ms; write pause (last ack at A → first ack at B, "
                            + "client side) %d ms; consistency equal%n",
                    ids.size(), acksBefore, acksAfter, desks.refused(), (switchEnded - switchStarted) / 1_000_000,
                    pause.millis());
            assertThat(pause.after().atNanos()).isGreaterThan(pause.before().atNanos());
            System.out.println("role changes as the sites logged them:");
            for (String site : List.of("a", "b")) {
                try (Stream<String> lines = java.nio.file.Files.lines(state.resolve("logs").resolve("site-" + site + ".log"))) {
                    lines.filter(l -> l.contains(" is now ") || l.contains("resync") || l.contains("CDC"))
                            .limit(40).forEach(l -> System.out.println("  site " + site + ": " + l));
                }
            }
        }
    }

    record CtlRun(int exit, String output) {
    }

    private static CtlRun ctl(LocalSites sites, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Ctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute(Stream.concat(Stream.of(args), sites.ctlOptions().stream()).toArray(String[]::new));
        return new CtlRun(exit, out.toString());
    }

    private static long epoch(String siteJson) {
        Matcher m = Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)").matcher(siteJson);
        assertThat(m.find()).as(siteJson).isTrue();
        return Long.parseLong(m.group(1));
    }

}
