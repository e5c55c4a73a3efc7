package hotline.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.app.support.ApiClient;
import hotline.app.support.TwoSites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standby's apply path fails and stalls while the active site writes many concurrent multi-row transactions
 * (a ticket and up to 20 repeat-complaint links each): whatever the engine does with the failed batches, once the
 * failures stop the standby must hold exactly what the active holds, row for row.
 */
class ApplyFailuresIT {

    static TwoSites sites;

    @BeforeAll
    static void start() {
        sites = new TwoSites("spring.profiles.active=chaos-monkey");
        TwoSites.awaitStreaming(sites.b());
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void afterExceptionsAndLatencyInTheApplyPathTheStandbyConvergesWithEveryRowOfEveryTransaction() throws Exception {
        ApiClient opsB = sites.api(sites.b(), "ops");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            ApiClient agent = sites.api(sites.a(), "agent" + (w + 1));
            int writer = w;
            Thread t = new Thread(() -> {
                int n = 0;
                while (writing.get()) {
                    // few callers, many calls each: every new ticket links to up to 20 earlier ones in its transaction
                    String phone = "1390000" + String.format("%04d", writer * 10 + (n++ % 3));
                    if (TwoSites.acceptTicket(agent, phone).status() == 201) {
                        acknowledged.incrementAndGet();
                    }
                }
            }, "writer-" + w);
            t.start();
            writers.add(t);
        }
        try {
            await("writes under way").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 40);
            assertThat(opsB.post("/actuator/chaosmonkey/assaults", Map.of("level", 1, "latencyActive", true,
                    "latencyRangeStart", 300, "latencyRangeEnd", 1200, "exceptionsActive", true)).status()).isEqualTo(200);
            assertThat(opsB.post("/actuator/chaosmonkey/enable", Map.of()).status()).isEqualTo(200);
            Thread.sleep(15_000);
        } finally {
            opsB.post("/actuator/chaosmonkey/disable", Map.of());
            Thread.sleep(3_000);
            writing.set(false);
            for (Thread t : writers) {
                t.join();
            }
        }
        TwoSites.awaitStreaming(sites.b());
        await("both sites equal").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ApiClient.Response report = opsB.get("/api/ops/consistency?attempts=1");
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.json().get("equal").asBoolean()).as(report.body()).isTrue();
        });
        assertThat(TwoSites.count(sites.jdbcB(), "ticket_link")).isEqualTo(TwoSites.count(sites.jdbcA(), "ticket_link"));
    }
}
