package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hotline.infra.postgres.EmbeddedPostgresServer;

/**
 * Every ops runbook except switchover.md (SwitchoverIT) executed command by command, in page order, on one real local
 * stack with both controllers, each in the situation it is written for:
 * <ol>
 *   <li>fence-and-pause.md on a healthy stack;</li>
 *   <li>failover.md after site A was killed with automatic failover paused;</li>
 *   <li>split-brain-suspected.md after site A's app came back ACTIVE before its controller and took a write;</li>
 *   <li>failback.md with A's controller back, ending with the planned move back to A;</li>
 *   <li>replication-broken.md after B's slot at A was dropped under it;</li>
 *   <li>failure-modes.md.</li>
 * </ol>
 * After each page the test checks what the page promises, not just the exit codes.
 */
class RunbooksIT {

    @TempDir
    Path state;

    private LocalSites sites;

    @Test
    void everyRunbookWorksCommandByCommandInTheSituationItIsWrittenFor() throws Exception {
        try (LocalSites running = LocalSites.withControllers(state, LocalSites.LEASE_TIMINGS)) {
            sites = running;
            try {
                await("B streaming and A holding the lease").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).until(() -> cdcState("b").equals("STREAMING")
                                && sites.controllerStatus("b").contains("\"holder\":\"a\""));
                fenceAndPause();
                failover();
                splitBrainSuspected();
                failback();
                replicationBroken();
                failureModes();
            } catch (Throwable e) {
                System.out.println(sites.logTails(80));
                throw e;
            }
        }
    }

    private void fenceAndPause() throws Exception {
        Runbook page = new Runbook("fence-and-pause.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl pause --reason maintenance-of-the-inter-site-link",
                "ctl fence a --yes --reason checking-a-suspect-deployment", "ctl status", "ctl unfence a", "ctl resume",
                "ctl status");
        assertThat(page.run(commands.get(0)).exit()).isZero();
        assertThat(page.run(commands.get(1)).exit()).isZero();
        await("both controllers paused").atMost(Duration.ofSeconds(10))
                .until(() -> sites.controllerStatus("a").contains("\"paused\":\"by ctl:")
                        && sites.controllerStatus("b").contains("\"paused\":\"by ctl:"));
        assertThat(page.run(commands.get(2)).exit()).isZero();
        assertThat(LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent1", LocalSites.ticket("13800000001"))
                .statusCode()).as("a fenced site refuses writes").isEqualTo(503);
        Thread.sleep(1500);  // several controller cycles: an operator fence is not lifted by the controller
        assertThat(siteJson("a")).contains("\"fenced\":true");
        assertThat(page.run(commands.get(3)).output()).contains("automatic: PAUSED by ctl:")
                .contains("ops fence: site a fenced by ctl:");
        assertThat(page.run(commands.get(4)).exit()).isZero();
        assertThat(LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent1", LocalSites.ticket("13800000002"))
                .statusCode()).isEqualTo(201);
        assertThat(page.run(commands.get(5)).exit()).isZero();
        assertThat(page.run(commands.get(6)).output()).contains("automatic: on (not paused)").contains("ops fence: none");
    }

    private void failover() throws Exception {
        Runbook page = new Runbook("failover.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl failover --to b --yes", "ctl status", "ctl resume");
        long epoch = epoch(siteJson("a"));
        new Runbook("fence-and-pause.md", sites).run("ctl pause --reason runbook-test");
        sites.killSiteAWithController();
        await("B's controller would promote but is paused").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sites.controllerStatus("b").contains("paused: lease of site a expired"));

        assertThat(page.run(commands.get(0)).exit()).as("site a does not answer").isEqualTo(2);
        Runbook.Step failover = page.run(commands.get(1));
        assertThat(failover.exit()).as(failover.output()).isZero();
        assertThat(failover.output()).contains("replayJournal").contains("switchSeats").contains("SUCCEEDED");
        assertThat(page.run(commands.get(2)).output()).contains("lease:     site b at epoch " + (epoch + 1))
                .contains("every channel goes to site b");
        assertThat(page.run(commands.get(3)).exit()).isZero();
        assertThat(siteJson("b")).contains("\"role\":\"ACTIVE\"").contains("\"fenced\":false");
    }

    private void splitBrainSuspected() throws Exception {
        Runbook page = new Runbook("split-brain-suspected.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl pause --reason split-brain-suspected",
                "ctl fence a --yes --reason not-the-lease-holder", "ctl failback --yes", "ctl unfence a", "ctl resume",
                "ctl status");
        sites.stack.restartSite("a", false);
        assertThat(siteJson("a")).as("A's database still says ACTIVE, and A came back fenced (fence-on-restart)")
                .contains("\"role\":\"ACTIVE\"").contains("\"fenced\":true");
        // the mistake this page is for: someone unfences the old active by hand, on the site itself
        var unfenced = LocalSites.send("POST", sites.a().resolve("/api/ops/site/unfence"), "ops",
                "{\"reason\":\"it looked stuck\"}");
        assertThat(unfenced.statusCode()).as(unfenced.body()).isEqualTo(200);
        // an agent who bookmarked site A's own address saves a ticket there: it exists only at A
        var orphan = LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent2", LocalSites.ticket("13900000009"));
        assertThat(orphan.statusCode()).as(orphan.body()).isEqualTo(201);
        String orphanId = id(orphan.body());

        assertThat(page.run(commands.get(0)).output()).contains("lease:     site b");
        assertThat(page.run(commands.get(1)).exit()).isZero();
        assertThat(page.run(commands.get(2)).exit()).isZero();
        Runbook.Step failback = page.run(commands.get(3));
        assertThat(failback.exit()).as(failback.output()).isZero();
        assertThat(failback.output()).contains("confirmConsistency").contains("SUCCEEDED");
        assertThat(page.run(commands.get(4)).exit()).isZero();
        assertThat(page.run(commands.get(5)).exit()).isZero();
        assertThat(page.run(commands.get(6)).output()).contains("ops fence: none");
        assertThat(siteJson("a")).contains("\"role\":\"STANDBY\"").contains("\"activeSite\":\"b\"");
        String quarantine = LocalSites.send("GET", sites.a().resolve("/api/ops/quarantine"), "ops", null).body();
        assertThat(quarantine).as("the write only A had is quarantined for review").contains(orphanId);
    }

    private void failback() throws Exception {
        Runbook page = new Runbook("failback.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl failback --yes", "ctl switchover --to a --yes",
                "ctl status");
        sites.stack.controllerA().start();
        sites.stack.controllerA().awaitHealthy(Duration.ofSeconds(120));
        long epoch = epoch(siteJson("b"));

        assertThat(page.run(commands.get(0)).exit()).isZero();
        Runbook.Step failback = page.run(commands.get(1));
        assertThat(failback.exit()).as(failback.output()).isZero();
        assertThat(failback.output()).contains("already is a streaming STANDBY of site b: nothing to do");
        Runbook.Step switchover = page.run(commands.get(2));
        assertThat(switchover.exit()).as(switchover.output()).isZero();
        assertThat(page.run(commands.get(3)).output()).contains("lease:     site a at epoch " + (epoch + 1));
        assertThat(siteJson("a")).contains("\"role\":\"ACTIVE\"");
        await("B streams from A again").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cdcState("b").equals("STREAMING"));
    }

    private void replicationBroken() throws Exception {
        Runbook page = new Runbook("replication-broken.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl resync b --yes", "verify");
        EmbeddedPostgresServer a = sites.stack.postgresA();
        try (Connection c = DriverManager.getConnection(a.jdbcUrl(), a.user(), a.password());
             Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = 'hotline_to_b' "
                    + "and active_pid is not null");
            s.execute("select pg_drop_replication_slot('hotline_to_b') from pg_replication_slots "
                    + "where slot_name = 'hotline_to_b' and not active");
        }
        LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent3", LocalSites.ticket("13700000003"));

        assertThat(page.run(commands.get(0)).exit()).isIn(0, 2);
        Runbook.Step resync = page.run(commands.get(1));
        assertThat(resync.exit()).as(resync.output()).isZero();
        Runbook.Step verify = page.run(commands.get(2));
        assertThat(verify.exit()).as(verify.output()).isZero();
    }

    private void failureModes() throws Exception {
        Runbook page = new Runbook("failure-modes.md", sites);
        assertThat(page.commands()).containsExactly("ctl status");
        Runbook.Step status = page.run("ctl status");
        assertThat(status.exit()).isZero();
        for (String site : List.of("a", "b")) {
            assertThat(status.output()).contains("controller " + site + ": ");
        }
    }

    private String siteJson(String site) {
        return LocalSites.send("GET", (site.equals("a") ? sites.a() : sites.b()).resolve("/api/site"), "ops", null).body();
    }

    private String cdcState(String site) {
        String body = LocalSites.send("GET", (site.equals("a") ? sites.a() : sites.b()).resolve("/api/ops/replication"),
                "ops", null).body();
        Matcher m = Pattern.compile("\"cdcState\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    private static long epoch(String siteJson) {
        return LocalSites.epoch(siteJson);
    }

    private static String id(String ticketJson) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(ticketJson);
        assertThat(m.find()).as(ticketJson).isTrue();
        return m.group(1);
    }

}
