package hotline.failover.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.infra.local.SiteProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the standby site as real processes: its app frozen (a GC pause or SIGSTOP) for shorter and longer than
 * the grid's failure detection, and its app killed with SIGKILL in the middle of applying changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyFaultsIT {

    @TempDir
    static Path state;
    static LocalSites sites;
    static SiteProcess relaunchedB;

    @BeforeAll
    static void start() {
        sites = new LocalSites(state);
        awaitStreaming();
    }

    @AfterAll
    static void stop() {
        if (relaunchedB != null) {
            relaunchedB.close();
        }
        if (sites != null) {
            sites.close();
        }
    }

    static void awaitStreaming() {
        await("B streaming from A").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return LocalSites.send("GET", sites.b().resolve("/api/ops/replication"), "ops", null).body()
                        .contains("\"cdcState\":\"STREAMING\"");
            } catch (RuntimeException notUpYet) {
                return false;
            }
        });
    }

    static boolean aSeesB() {
        return LocalSites.send("GET", sites.a().resolve("/api/site"), "ops", null).body().contains("\"protectedByPeer\":true");
    }

    static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    @Order(1)
    void aFreezeShorterThanTheDetectionTimeIsNotAFailureAndALongerOneIsDetectedWithinItsBudget() throws Exception {
        await("A protected by B").atMost(Duration.ofSeconds(60)).until(StandbyFaultsIT::aSeesB);
        long pid = sites.stack.siteB().pid();

        signal(pid, "STOP");
        Thread.sleep(3000);
        boolean stillMemberAfter3s = aSeesB();
        signal(pid, "CONT");  // then 2 s of heartbeats before the next, longer freeze
        assertThat(stillMemberAfter3s).as("a 3 s pause (max-no-heartbeat 5 s) must not remove the member").isTrue();

        Thread.sleep(2000);
        signal(pid, "STOP");
        long frozenAt = System.nanoTime();
        try {
            await("A notices the frozen member").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !aSeesB());
        } finally {
            signal(pid, "CONT");
        }
        double detectedAfter = (System.nanoTime() - frozenAt) / 1e9;
        System.out.printf("frozen grid member (SIGSTOP) removed after %.1f s; a 3 s freeze kept it%n", detectedAfter);
        assertThat(detectedAfter).as("detection budget: max-no-heartbeat 5 s + a heartbeat check period")
                .isBetween(4.0, 12.0);
        long resumedAt = System.nanoTime();
        await("B back in the grid after SIGCONT (split-brain merge)").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).until(StandbyFaultsIT::aSeesB);
        System.out.printf("resumed member back in the grid after %.1f s%n", (System.nanoTime() - resumedAt) / 1e9);
    }

    @Test
    @Order(2)
    void aStandbyKilledWhileApplyingRestartsAndEqualsTheActiveWithoutDuplicates() throws Exception {
        awaitStreaming();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                try {
                    HttpResponse<String> r = LocalSites.send("POST", sites.a().resolve("/api/tickets"), "agent2",
                            "{\"channel\":\"PHONE\",\"category\":\"PIPE_BURST\",\"title\":\"爆管\",\"description\":\"路面冒水\","
                                    + "\"citizenPhone\":\"136" + String.format("%08d", n++) + "\",\"address\":\"解放大道1号\","
                                    + "\"district\":\"江岸区\",\"street\":\"解放大道\"}");
                    if (r.statusCode() == 201) {
                        acknowledged.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    // keep writing
                }
            }
        });
        writer.start();
        await("writes under way").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 30);
        SiteProcess b = sites.stack.siteB();
        b.handle().descendants().forEach(ProcessHandle::destroyForcibly);
        b.handle().destroyForcibly();
        await("A sees B's member gone").atMost(Duration.ofSeconds(30)).until(() -> !aSeesB());
        relaunchedB = SiteProcess.launch(b.spec());
        relaunchedB.awaitHealthy(Duration.ofSeconds(180), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        int afterRestart = acknowledged.get();
        await("more writes after B is back").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= afterRestart + 20);
        writing.set(false);
        writer.join(30_000);
        assertThat(acknowledged.get()).isPositive();
        awaitStreaming();

        await("consistency check equal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> check = LocalSites.send("GET", sites.b().resolve("/api/ops/consistency?attempts=1"), "ops", null);
            assertThat(check.body()).contains("\"equal\":true");
        });
        try (Connection db = sites.databaseB(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select count(*) - count(distinct number) from ticket")) {
            rs.next();
            assertThat(rs.getLong(1)).as("duplicate ticket numbers at B").isZero();
        }
    }
}
