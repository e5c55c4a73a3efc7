package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unplanned failover, end to end with both sites' real failover controllers: desks keep writing through the
 * front door, then everything site A runs (controller, app with its grid member, PostgreSQL) is killed with SIGKILL.
 * Site B's controller must see A's lease expire, take it at epoch + 1, replay the journal, promote B and switch the
 * front door by itself; every write acknowledged before the crash must be in B's database, and the RTO (last
 * acknowledged write at A → first acknowledged write at B, client side) is printed.
 */
class AutomaticFailoverIT {

    /** The controllers' local defaults (controller.yml), spelled out so the printed RTO says what it was measured with. */
    static final List<String> LEASE_TIMINGS = List.of("--hotline.failover.lease.duration=3s",
            "--hotline.failover.lease.renew-deadline=2s", "--hotline.failover.lease.retry-period=500ms");

    @TempDir
    Path state;

    @Test
    void killingSiteAUnderWritesPromotesSiteBAutomaticallyWithEveryAcknowledgedWrite() throws Exception {
        try (LocalSites sites = LocalSites.withControllers(state, LEASE_TIMINGS)) {
            try {
                failOverUnderWrites(sites);
            } catch (Throwable e) {
                System.out.println(sites.logTails(60));
                throw e;
            }
        }
    }

    private void failOverUnderWrites(LocalSites sites) throws Exception {
        {
            await("B streaming from A and A's controller holding the lease").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() ->
                            LocalSites.send("GET", sites.b().resolve("/api/ops/replication"), "ops", null).body()
                                    .contains("\"cdcState\":\"STREAMING\"")
                                    && sites.controllerStatus("b").contains("\"holder\":\"a\""));
            long epochBefore = epoch(LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body());

            DeskWriters desks = new DeskWriters(sites.frontDoor(), 4);
            await("writes acknowledged at A").atMost(Duration.ofSeconds(90)).until(() -> desks.count() >= 60);

            long killedAt = System.nanoTime();
            sites.killSiteAWithController();
            int ackedAtKill = desks.count();

            await("site B promoted by its controller").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> LocalSites.send("GET", sites.b().resolve("/api/site"), "ops", null).body()
                            .contains("\"role\":\"ACTIVE\""));
            await("desks writing again through the front door").atMost(Duration.ofSeconds(60))
                    .until(() -> desks.count() >= ackedAtKill + 40);
            List<DeskWriters.Ack> acked = desks.stop();

            List<String> beforeCrash = acked.stream().filter(a -> a.atNanos() <= killedAt).map(DeskWriters.Ack::id).toList();
            List<String> ids = acked.stream().map(DeskWriters.Ack::id).toList();
            Set<String> missing = new TreeSet<>(ids);
            missing.removeAll(sites.ticketsAtB(ids));
            assertThat(missing).as("acknowledged writes missing at site B (of %d)", ids.size()).isEmpty();

            String siteB = LocalSites.send("GET", sites.b().resolve("/api/site"), "ops", null).body();
            assertThat(siteB).contains("\"role\":\"ACTIVE\"").contains("\"fenced\":false");
            assertThat(epoch(siteB)).isEqualTo(epochBefore + 1);
            String controllerB = sites.controllerStatus("b");
            assertThat(controllerB).contains("\"holder\":\"b\"").contains("\"epoch\":" + (epochBefore + 1));

            DeskWriters.Gap rto = DeskWriters.handover(acked, "a", "b");
            System.out.printf("automatic failover a→b after SIGKILL of site A (lease %s): RTO (last ack at A → first "
                            + "ack at B, client side) %d ms; %d acknowledged before the crash, %d in all, 0 lost, %d "
                            + "refused/failed attempts%n", String.join(" ", LEASE_TIMINGS), rto.millis(),
                    beforeCrash.size(), ids.size(), desks.refused());
            System.out.println("site B's controller: " + controllerB);
            System.out.println(sites.procedureReport());
            assertThat(rto.firstAfterNanos()).isGreaterThan(rto.lastBeforeNanos());
        }
    }

    static long epoch(String siteJson) {
        Matcher m = Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)").matcher(siteJson);
        assertThat(m.find()).as(siteJson).isTrue();
        return Long.parseLong(m.group(1));
    }
}
