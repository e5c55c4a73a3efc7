package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.infra.load.DeskClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the whole active site (app with its grid member, and its PostgreSQL) while a client writes: every
 * write site A acknowledged is in site B's database or in the journal held by site B's grid member, and after
 * the journal replay every one of them is in site B's database.
 */
class SiteKillIT {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @TempDir
    Path state;

    @Test
    void everyWriteTheKilledActiveSiteAcknowledgedIsAtTheStandbyOrInItsJournalAndAfterReplayInItsDatabase() throws Exception {
        try (LocalSites sites = new LocalSites(state)) {
            await("B streaming from A").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    LocalSites.send("GET", sites.b().resolve("/api/ops/replication"), "ops", null).body()
                            .contains("\"cdcState\":\"STREAMING\""));
            await("B protects A (grid members of both sites)").atMost(Duration.ofSeconds(60)).until(() ->
                    LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body()
                            .contains("\"protectedByPeer\":true"));

            List<String> acknowledged = new ArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                // logged-in desks (session in the grid), as agents work: no password hash per request
                DeskClient desk = new DeskClient(sites.a()).login("agent" + (writer + 1), "demo");
                Thread t = new Thread(() -> {
                    int n = 0;
                    while (writing.get()) {
                        try {
                            HttpResponse<String> r = desk.post("/api/tickets",
                                    LocalSites.ticket("139" + String.format("%02d%06d", writer, n++)));
                            if (r.statusCode() == 201) {
                                Matcher m = ID.matcher(r.body());
                                if (m.find()) {
                                    synchronized (acknowledged) {
                                        acknowledged.add(m.group(1));
                                    }
                                }
                            }
                        } catch (Exception siteGone) {
                            // after the kill: nothing more is acknowledged
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            await("enough acknowledged writes in flight").atMost(Duration.ofSeconds(90)).until(() -> {
                synchronized (acknowledged) {
                    return acknowledged.size() >= 60;
                }
            });
            sites.killSiteA();
            Thread.sleep(500);
            writing.set(false);
            for (Thread t : writers) {
                t.join(30_000);
            }
            List<String> acked;
            synchronized (acknowledged) {
                acked = List.copyOf(acknowledged);
            }
            assertThat(acked).as("writes acknowledged before the kill").hasSizeGreaterThan(20);

            // B notices A's member is gone; the journal's backups at B become the primaries
            await("A's grid member removed").atMost(Duration.ofSeconds(30)).until(() ->
                    LocalSites.send("GET", sites.b().resolve("/api/site"), "ops", null).body()
                            .contains("\"presentSites\":[\"b\"]"));

            Set<String> inB = sites.ticketsAtB(acked);
            String journal = LocalSites.send("GET", sites.b().resolve("/api/ops/replication/journal?source=a"), "ops", null).body();
            Set<String> missing = new TreeSet<>(acked);
            missing.removeAll(inB);
            for (String id : missing) {
                assertThat(journal).as("acknowledged ticket " + id + " is neither in B's database nor in B's journal")
                        .contains(id);
            }
            System.out.printf("kill -9 of site A: %d acknowledged writes, %d already in B's database, %d only in the journal%n",
                    acked.size(), inB.size(), missing.size());

            HttpResponse<String> replay = LocalSites.send("POST", sites.b().resolve("/api/ops/replication/replay-journal"), "ops", null);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(sites.ticketsAtB(acked)).as("after the journal replay").containsExactlyInAnyOrderElementsOf(acked);
        }
    }


}
