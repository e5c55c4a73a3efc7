package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runbooks/failover-without-witness.md executed command by command on the real local stack with both controllers:
 * the witness PostgreSQL is stopped and site A (app, PostgreSQL, controller) killed after agents' writes; ops promote
 * B without the lease. Then what the page promises: B serves past the renew deadline without fencing itself, every
 * acknowledged write is at B, B's controller takes the lease at B's epoch once the witness is back, and A, restarted,
 * comes back fenced and is demoted to B's standby.
 */
class FailoverWithoutWitnessIT {

    @TempDir
    Path state;

    private LocalSites sites;

    @Test
    void opsPromoteTheStandbyWithoutTheLeaseAndItsControllerTakesTheLeaseWhenTheWitnessIsBack() throws Exception {
        try (LocalSites running = LocalSites.withControllers(state, LocalSites.LEASE_TIMINGS)) {
            sites = running;
            try {
                scenario();
            } catch (Throwable e) {
                System.out.println(sites.logTails(80));
                throw e;
            }
        }
    }

    private void scenario() throws Exception {
        await("B streaming and A holding the lease").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> siteJson("b").contains("\"role\":\"STANDBY\"")
                        && sites.controllerStatus("b").contains("\"holder\":\"a\""));
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var saved = LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent1",
                    LocalSites.ticket("1390000" + String.format("%04d", 7000 + i)));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
            written.add(id(saved.body()));
        }
        long epochBefore = LocalSites.epoch(siteJson("a"));

        // the witness first (A keeps serving under B's controller's vouch), then all of site A
        sites.stack.stopWitness();
        sites.killSiteAWithController();
        await("B's controller holds: no lease authority").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sites.controllerStatus("b").contains("no automatic failover: the lease store is unreachable"));

        Runbook page = new Runbook("failover-without-witness.md", sites);
        List<String> commands = page.commands();
        assertThat(commands).containsExactly("ctl status", "ctl failover --to b --force --without-witness --yes",
                "ctl status");
        Runbook.Step status = page.run(commands.get(0));
        assertThat(status.output()).contains("lease:     UNREACHABLE");
        Runbook.Step unforced = page.run("ctl failover --to b --without-witness --yes");
        assertThat(unforced.exit()).as(unforced.output()).isEqualTo(1);
        assertThat(unforced.output()).contains("it needs --force");
        assertThat(siteJson("b")).contains("\"role\":\"STANDBY\"");

        Runbook.Step failover = page.run(commands.get(1));
        assertThat(failover.exit()).as(failover.output()).isZero();
        assertThat(failover.output()).contains("FORCED FAILOVER WITHOUT THE WITNESS").contains("replayJournal")
                .contains("promoteWithoutLease").contains("switchRouting").contains("SUCCEEDED");
        long epoch = epochBefore + 1;
        assertThat(page.run(commands.get(2)).output()).contains("promoted without the lease at epoch " + epoch)
                .contains("every channel goes to site b");

        // for 5 s, beyond the 2 s renew deadline and the 3 s lease, B's controller must not fence it
        await("B serving without the lease, all along").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    String b = siteJson("b");
                    return b.contains("\"role\":\"ACTIVE\"") && b.contains("\"fenced\":false")
                            && b.contains("\"writable\":true") && b.contains("\"promotedWithoutLease\":true");
                });
        assertThat(sites.controllerStatus("b")).contains("site b keeps serving without the lease store");
        assertThat(sites.ticketsAtB(written)).as("every write A acknowledged").containsExactlyInAnyOrderElementsOf(written);
        var afterwards = LocalSites.send("POST", sites.frontDoor().resolve("/api/tickets"), "agent1",
                LocalSites.ticket("13900007777"));
        assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(201);

        sites.stack.startWitness();
        await("B's controller takes the lease at B's epoch").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sites.controllerStatus("b").contains("\"holder\":\"b\"")
                        && siteJson("b").contains("\"promotedWithoutLease\":false"));
        assertThat(page.run("ctl status").output()).contains("lease:     site b at epoch " + epoch);

        sites.stack.restartSite("a");
        await("A came back fenced and its controller demoted it").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> siteJson("a").contains("\"role\":\"STANDBY\"") && siteJson("a").contains("\"activeSite\":\"b\""));
        assertThat(siteJson("b")).contains("\"role\":\"ACTIVE\"").contains("\"fenced\":false");
    }

    private String siteJson(String site) {
        return LocalSites.send("GET", (site.equals("a") ? sites.a() : sites.b()).resolve("/api/site"), "ops", null).body();
    }

    private static String id(String ticketJson) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(ticketJson);
        assertThat(m.find()).as(ticketJson).isTrue();
        return m.group(1);
    }
}
