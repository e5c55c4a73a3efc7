package hotline.app.drill;

import hotline.app.drill.model.Comparison;
import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillKind;
import hotline.app.drill.model.DrillResult;
import hotline.app.drill.model.EvidenceChain;
import hotline.app.drill.model.SampleEvidence;
import hotline.app.support.ApiClient;
import hotline.app.support.HotlineIT;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drill evidence through HTTP on a real PostgreSQL: recorded by ops at the ACTIVE site only, chained, read back
 * as JSON and HTML by ops, the lead and auditors, and counted in the metrics.
 */
class DrillEvidenceIT extends HotlineIT {

    @Autowired
    JdbcClient jdbc;

    ApiClient ops;
    ApiClient auditor;

    @BeforeEach
    void users() {
        ops = as("ops");
        auditor = as("auditor");
    }

    private static DrillEvidence switchover(BigDecimal rto) {
        return SampleEvidence.switchover(UUID.randomUUID(), rto);
    }

    private long recorded() {
        return jdbc.sql("select count(*) from drill_evidence").query(Long.class).single();
    }

    @Test
    void opsRecordEvidenceThatTheLeadAndAuditorsRead() {
        DrillEvidence evidence = switchover(new BigDecimal("1.8"));

        ApiClient.Response created = ops.post("/api/ops/drills", evidence);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/ops/drills/" + evidence.id());
        String canonical = EvidenceJson.canonical(evidence);
        assertThat(created.body()).startsWith("{\"evidence\":" + canonical + ",\"hash\":\"");
        String hash = created.text("hash");
        String previous = created.text("previousHash");
        assertThat(hash).isEqualTo(EvidenceChain.hash(previous, canonical));

        ApiClient.Response export = auditor.get("/api/ops/drills/" + evidence.id());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).isEqualTo(created.body());

        ApiClient.Response list = lead.get("/api/ops/drills?size=5");
        assertThat(list.status()).isEqualTo(200);
        JsonNode newest = list.json().get("items").get(0);
        assertThat(newest.get("id").asString()).isEqualTo(evidence.id().toString());
        assertThat(newest.get("kind").asString()).isEqualTo("SWITCHOVER");
        assertThat(newest.get("result").asString()).isEqualTo("PASSED");
        assertThat(newest.get("rtoSeconds").decimalValue()).isEqualByComparingTo("1.8");
        assertThat(newest.get("rpoWrites").decimalValue()).isEqualByComparingTo("0");
        assertThat(newest.get("report").asString()).isEqualTo("/api/ops/drills/" + evidence.id() + "/report");
        assertThat(list.json().get("total").asLong()).isGreaterThanOrEqualTo(1);

        ApiClient.Response report = lead.get("/api/ops/drills/" + evidence.id() + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html").contains("UTF-8");
        assertThat(report.body()).contains("SWITCHOVER — PASSED", "<svg", hash, "✓ its content gives its hash", "✓ intact");
        assertThat(lead.get("/api/ops/drills/" + evidence.id() + "/report?download=true").header("Content-Disposition"))
                .startsWith("attachment").contains(".html");

        assertThat(agent.get("/api/ops/drills").status()).isEqualTo(403);
        assertThat(lead.post("/api/ops/drills", switchover(BigDecimal.ONE)).status()).isEqualTo(403);
        assertThat(ops.get("/api/ops/drills/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aRetriedPostGetsTheSameRecordAndChangedContentUnderTheSameIdIsRefused() {
        DrillEvidence evidence = switchover(new BigDecimal("2.1"));
        ApiClient.Response first = ops.post("/api/ops/drills", evidence);
        long before = recorded();

        ApiClient.Response retry = ops.post("/api/ops/drills", evidence);
        DrillEvidence changed = new DrillEvidence(evidence.id(), evidence.kind(), evidence.startedBy(), evidence.trigger(),
                evidence.startedAt(), evidence.finishedAt(), evidence.result(), null, evidence.steps(),
                List.of(DrillEvidence.Figure.measured("rto", new BigDecimal("0.5"), "s", Comparison.AT_MOST, BigDecimal.TEN)),
                evidence.integrity(), 0, null);
        ApiClient.Response conflicting = ops.post("/api/ops/drills", changed);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.text("type")).endsWith("/conflict");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void illFormedEvidenceIsRefusedWithEveryProblemAndNothingIsRecorded() {
        long before = recorded();
        ObjectNode body = (ObjectNode) json.readTree(json.writeValueAsString(switchover(new BigDecimal("31"))));
        body.put("finishedAt", "2026-05-04T02:59:00Z");

        ApiClient.Response refused = ops.post("/api/ops/drills", body.toString());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.text("type")).endsWith("/invalid-input");
        assertThat(refused.json().get("errors")).extracting(JsonNode::asString).containsExactlyInAnyOrder(
                "finishedAt: 2026-05-04T02:59:00Z is before startedAt 2026-05-04T03:00:00Z",
                "result: PASSED, but figure rto missed its target");

        body.put("finishedAt", "2026-05-04T03:01:00Z").put("kind", "EARTHQUAKE");
        ApiClient.Response unknownKind = ops.post("/api/ops/drills", body.toString());
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.text("detail")).contains("EARTHQUAKE", "READINESS, SWITCHOVER, FAILOVER, CHAOS");

        body.put("kind", "FAILOVER").put("result", "FAILED");
        ((ObjectNode) body.get("figures").get(0)).put("passed", true);
        ApiClient.Response badFigure = ops.post("/api/ops/drills", body.toString());
        assertThat(badFigure.status()).isEqualTo(400);
        assertThat(badFigure.json().get("errors").get(0).asString())
                .isEqualTo("figures[rto].passed: 31 ≤ 30 is false, but passed says true");

        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void onlyTheActiveSiteAtTheCurrentEpochRecords() {
        long before = recorded();
        assertThat(ops.post("/api/ops/site/fence", Map.of("reason", "drill evidence test")).status()).isEqualTo(200);
        ApiClient.Response fenced;
        try {
            fenced = ops.post("/api/ops/drills", switchover(BigDecimal.ONE));
        } finally {
            assertThat(ops.post("/api/ops/site/unfence", Map.of("reason", "drill evidence test done")).status()).isEqualTo(200);
        }
        assertThat(fenced.status()).isEqualTo(503);
        assertThat(fenced.text("type")).endsWith("/site-fenced");
        assertThat(fenced.header("Retry-After")).isEqualTo("1");

        long epoch = ops.get("/api/site").json().get("epoch").asLong();
        ApiClient.Response stale = ops.post("/api/ops/drills", switchover(BigDecimal.ONE),
                Map.of("Hotline-Epoch", Long.toString(epoch - 1)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("type")).endsWith("/stale-epoch");

        assertThat(recorded()).isEqualTo(before);
        assertThat(ops.post("/api/ops/drills", switchover(BigDecimal.ONE), Map.of("Hotline-Epoch", Long.toString(epoch)))
                .status()).isEqualTo(201);
    }

    @Test
    void concurrentAppendsQueueOnTheChainHeadAndNeverFork() throws Exception {
        long before = recorded();
        int perThread = 8;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(pool.submit(() -> {
                    ApiClient client = as("ops");
                    List<Integer> statuses = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        statuses.add(client.post("/api/ops/drills", switchover(new BigDecimal("1." + i))).status());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> r : results) {
                assertThat(r.get()).containsOnly(201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(recorded()).isEqualTo(before + 2L * perThread);
        List<Long> seqs = jdbc.sql("select seq from drill_evidence order by seq").query(Long.class).list();
        assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        JsonNode chain = ops.get("/api/ops/drills/chain").json();
        assertThat(chain.get("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.get("records").asLong()).isEqualTo(seqs.size());
    }

    @Test
    void theChainShowsWhereStoredEvidenceWasChanged() {
        DrillEvidence evidence = switchover(new BigDecimal("1.7"));
        assertThat(ops.post("/api/ops/drills", evidence).status()).isEqualTo(201);
        ops.post("/api/ops/drills", switchover(new BigDecimal("1.6")));
        long seq = jdbc.sql("select seq from drill_evidence where id = ?").param(evidence.id()).query(Long.class).single();
        String original = jdbc.sql("select content from drill_evidence where id = ?").param(evidence.id()).query(String.class).single();

        jdbc.sql("update drill_evidence set content = replace(content, '\"value\":1.7', '\"value\":0.7') where id = ?")
                .param(evidence.id()).update();
        try {
            JsonNode chain = auditor.get("/api/ops/drills/chain").json();
            assertThat(chain.get("intact").asBoolean()).isFalse();
            assertThat(chain.get("firstBreak").get("seq").asLong()).isEqualTo(seq);
            assertThat(chain.get("firstBreak").get("problem").asString()).contains("changed after it was recorded");
            assertThat(lead.get("/api/ops/drills/" + evidence.id() + "/report").body())
                    .contains("✗ its content does NOT give its hash", "✗ BROKEN at record #" + seq);

            jdbc.sql("update drill_evidence set content = ?, result = 'FAILED' where id = ?").params(original, evidence.id()).update();
            chain = auditor.get("/api/ops/drills/chain").json();
            assertThat(chain.get("firstBreak").get("problem").asString()).contains("differ from its content");
        } finally {
            jdbc.sql("update drill_evidence set content = ?, result = 'PASSED' where id = ?").params(original, evidence.id()).update();
        }
        assertThat(auditor.get("/api/ops/drills/chain").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void theMetricsFollowEachAppend() throws Exception {
        DrillEvidence failedChaos = new DrillEvidence(UUID.randomUUID(), DrillKind.CHAOS, "cronjob/hotline-drill",
                hotline.app.drill.model.DrillTrigger.SCHEDULE, SampleEvidence.START, SampleEvidence.START.plusSeconds(60),
                DrillResult.FAILED, "apply latency assault: lag over target", List.of(),
                List.of(DrillEvidence.Figure.measured("rto", new BigDecimal("2.5"), "s", Comparison.AT_MOST, BigDecimal.TEN),
                        DrillEvidence.Figure.measured("rpo", BigDecimal.ZERO, "writes", Comparison.AT_MOST, BigDecimal.ZERO)),
                null, 0, null);
        double chaosFailedBefore = sample(scrape(), "hotline_drill_runs_total", "kind=\"chaos\"", "result=\"failed\"");

        assertThat(ops.post("/api/ops/drills", failedChaos).status()).isEqualTo(201);
        assertThat(ops.post("/api/ops/drills", switchover(new BigDecimal("3.25"))).status()).isEqualTo(201);

        String metrics = scrape();
        assertThat(sample(metrics, "hotline_drill_runs_total", "kind=\"chaos\"", "result=\"failed\"")).isEqualTo(chaosFailedBefore + 1);
        assertThat(sample(metrics, "hotline_drill_runs_total", "kind=\"readiness\"", "result=\"refused\"")).isZero();
        assertThat(sample(metrics, "hotline_drill_last_rto_seconds")).isEqualTo(3.25);
        assertThat(sample(metrics, "hotline_drill_last_rpo_writes")).isZero();
        assertThat(sample(metrics, "hotline_drill_last_success_timestamp_seconds", "kind=\"switchover\""))
                .isEqualTo(SampleEvidence.START.plusMillis(42_120).toEpochMilli() / 1000.0);
        assertThat(sample(metrics, "hotline_drill_last_success_timestamp_seconds", "kind=\"chaos\"")).isZero();
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the one series of that name carrying all the given labels. */
    private static double sample(String metrics, String name, String... labels) {
        List<String> lines = metrics.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains)).toList();
        assertThat(lines).as("%s %s", name, List.of(labels)).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
