package hotline.app.quarantine;

import static hotline.app.support.TwoSites.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.app.replication.CdcEngine;
import hotline.app.replication.model.CdcState;
import hotline.app.support.ApiClient;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.TwoSites;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Failback with orphan changes, for real: two sites in one JVM (real PostgreSQL, real Debezium, one grid).
 *
 * <p>How the orphans are made, and why that is honest: site B's CDC is stalled (a lock makes its apply wait, like
 * a standby that has fallen behind), then site A commits (1) an acknowledged ticket through the API — journalled,
 * so B's journal replay must deliver it — and (2) one transaction directly in its database that changes four
 * knowledge articles and removes its own rows from {@code journal_capture}: the state an app crash between COMMIT
 * and the journal append leaves behind (the capture rows are taken inside the transaction, the append comes after).
 * Nothing of (2) reaches B by CDC or by the journal. Then A's app "dies", B replays the journal and is promoted,
 * B changes the ticket and one of the articles, A's app comes back believing it is ACTIVE at the old epoch and is
 * demoted — and must quarantine exactly the four orphan articles before its resync makes it equal to B. Then a
 * switchover back (nothing to quarantine), and one more failover in which the new active refuses the entry (it is
 * fenced): the old active keeps it and hands it over once the new active takes writes again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailbackQuarantineIT {

    static TwoSites sites;
    static ApiClient opsA;
    static ApiClient opsB;
    static final UUID K1 = UUID.randomUUID();  // changed at A (orphan) and at B after its promotion
    static final UUID K2 = UUID.randomUUID();  // inserted at A only
    static final UUID K3 = UUID.randomUUID();  // deleted at A only
    static final UUID K4 = UUID.randomUUID();  // changed at A only
    static String ticketW;                     // acknowledged at A, journal-replayed at B, then changed at B

    @BeforeAll
    static void start() {
        sites = new TwoSites();
        opsA = sites.api(sites.a(), "ops");
        opsB = sites.api(sites.b(), "ops");
        TwoSites.awaitStreaming(sites.b());
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    @Order(1)
    void orphanChangesOfTheOldActiveAreQuarantinedWithBothVersionsBeforeItsResyncMakesItEqualToTheNewActive()
            throws Exception {
        JdbcClient a = sites.jdbcA();
        for (UUID id : List.of(K1, K3, K4)) {
            a.sql("insert into knowledge_article (id, title, body, category) values (?, 'failback', 'as replicated', 'OTHER')")
                    .param(id).update();
        }
        await("articles at B").atMost(Duration.ofSeconds(30))
                .until(() -> count(sites.jdbcB(), "knowledge_article where title = 'failback'") == 3);

        try (Connection stall = connect(sites.databaseB.jdbcUrl())) {
            stall.setAutoCommit(false);
            exec(stall, "lock table replication_offset in exclusive mode");
            await("B's CDC apply waiting").atMost(Duration.ofSeconds(30)).until(() -> count(sites.jdbcB(),
                    "pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0);

            Response created = TwoSites.acceptTicket(sites.api(sites.a(), "agent1"), "13911119001");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ticketW = created.text("id");
            try (Connection orphan = connect(sites.databaseA.jdbcUrl())) {
                orphan.setAutoCommit(false);
                exec(orphan, "update knowledge_article set body = 'orphan edit of k1 at A' where id = '" + K1 + "'");
                exec(orphan, "insert into knowledge_article (id, title, body, category) values ('" + K2
                        + "', 'failback', 'orphan insert at A', 'OTHER')");
                exec(orphan, "delete from knowledge_article where id = '" + K3 + "'");
                exec(orphan, "update knowledge_article set body = 'orphan edit of k4 at A' where id = '" + K4 + "'");
                // the crash came between COMMIT and the journal append: the capture rows are gone, the entry never made
                exec(orphan, "delete from journal_capture where xid = pg_current_xact_id()");
                orphan.commit();
            }
            await("the acknowledged ticket in the journal at B").atMost(Duration.ofSeconds(30))
                    .until(() -> opsB.get("/api/ops/replication/journal").body().contains(ticketW));

            sites.stopA();
            Response replayed = opsB.post("/api/ops/replication/replay-journal", Map.of());
            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            assertThat(replayed.json().get("entries").asInt()).isPositive();
            Response promoted = opsB.post("/api/ops/site/promote", Map.of("epoch", 2, "reason", "failover: site a lost"));
            assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
            stall.rollback();
        }
        await("B's CDC stopped").atMost(Duration.ofSeconds(60))
                .until(() -> sites.b().getBean(CdcEngine.class).state() == CdcState.STOPPED);

        JdbcClient b = sites.jdbcB();
        assertThat(count(b, "ticket where id = '" + ticketW + "'")).as("the acknowledged write, replayed").isEqualTo(1);
        assertThat(count(b, "knowledge_article where id = '" + K2 + "'")).as("the orphan never reached B").isZero();
        assertThat(body(b, K1)).isEqualTo("as replicated");
        b.sql("update knowledge_article set body = 'edited at B after promotion' where id = ?").param(K1).update();
        b.sql("update ticket set title = '自来水发黄（B 已跟进）' where id = ?::uuid").param(ticketW).update();

        sites.startA();
        opsA = sites.api(sites.a(), "ops");
        assertThat(opsA.get("/api/site").json().get("role").asString()).as("A comes back as it was").isEqualTo("ACTIVE");
        long detectedBefore = (long) metric(sites.a(), "hotline.quarantine.detected");
        try (Connection holdResync = connect(sites.databaseA.jdbcUrl())) {
            // lets A's scan read but keeps its resync from writing the articles, so the scan can be repeated on A's orphans
            holdResync.setAutoCommit(false);
            exec(holdResync, "lock table knowledge_article in exclusive mode");

            Response demoted = opsA.post("/api/ops/site/demote", Map.of("epoch", 2, "activeSite", "b",
                    "reason", "site b took over while a was away"));
            assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
            await("the orphans quarantined at the new active").atMost(Duration.ofSeconds(60))
                    .until(() -> entries(opsB, null).size() >= 4);

            Response again = opsA.post("/api/ops/quarantine/scan", Map.of());
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("orphansFound").asInt()).as(again.body()).isEqualTo(4);
            assertThat(again.json().get("newlyQuarantined").asInt()).as("an orphan is quarantined once").isZero();
            assertThat(again.json().get("alreadyQuarantined").asInt()).isEqualTo(4);
            holdResync.rollback();
        }
        TwoSites.awaitStreaming(sites.a());
        TwoSites.awaitEqual(opsB);

        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode e : entries(opsB, null)) {
            byKey.put(e.get("rowKey").asString(), e);
        }
        assertThat(byKey).as("exactly the four orphan articles; not the ticket B replayed and changed")
                .containsOnlyKeys(key(K1), key(K2), key(K3), key(K4));
        byKey.values().forEach(e -> {
            assertThat(e.get("table").asString()).isEqualTo("knowledge_article");
            assertThat(e.get("status").asString()).isEqualTo("OPEN");
            assertThat(e.get("epoch").asLong()).isEqualTo(2);
            assertThat(e.get("oldActiveSite").asString()).isEqualTo("a");
            assertThat(e.get("newActiveSite").asString()).isEqualTo("b");
            assertThat(e.get("storedAt").asString()).isEqualTo("REPLICATED");
        });
        JsonNode k1 = byKey.get(key(K1));
        assertThat(k1.get("kind").asString()).isEqualTo("CHANGED_AT_BOTH_SITES");
        assertThat(k1.get("oldActiveRow").get("body").asString()).isEqualTo("orphan edit of k1 at A");
        assertThat(k1.get("newActiveRow").get("body").asString()).isEqualTo("edited at B after promotion");
        JsonNode k2 = byKey.get(key(K2));
        assertThat(k2.get("kind").asString()).isEqualTo("ONLY_AT_OLD_ACTIVE");
        assertThat(k2.get("oldActiveRow").get("body").asString()).isEqualTo("orphan insert at A");
        assertThat(k2.get("newActiveRow")).as("B has no such row").isNull();
        JsonNode k3 = byKey.get(key(K3));
        assertThat(k3.get("kind").asString()).isEqualTo("ONLY_AT_OLD_ACTIVE");
        assertThat(k3.get("oldActiveRow")).as("deleted at the old active").isNull();
        assertThat(k3.get("newActiveRow").get("body").asString()).isEqualTo("as replicated");
        JsonNode k4 = byKey.get(key(K4));
        assertThat(k4.get("kind").asString()).isEqualTo("ONLY_AT_OLD_ACTIVE");
        assertThat(k4.get("oldActiveRow").get("body").asString()).isEqualTo("orphan edit of k4 at A");
        assertThat(k4.get("newActiveRow").get("body").asString()).isEqualTo("as replicated");

        // A converged to B: the orphans are only in the quarantine now, which A has by replication
        assertThat(body(a, K1)).isEqualTo("edited at B after promotion");
        assertThat(count(a, "knowledge_article where id = '" + K2 + "'")).isZero();
        assertThat(body(a, K3)).isEqualTo("as replicated");
        assertThat(body(a, K4)).isEqualTo("as replicated");
        await("the quarantine replicated to A").atMost(Duration.ofSeconds(30)).until(() -> entries(opsA, null).size() == 4);
        assertThat(metric(sites.a(), "hotline.quarantine.detected") - detectedBefore).isEqualTo(4.0);
        await("open entries gauge at B").atMost(Duration.ofSeconds(30))
                .until(() -> metric(sites.b(), "hotline.quarantine.open.entries") == 4.0);
        assertThat(count(a, "quarantine_active_period where epoch = 1 and scan_summary like '4 orphan%'")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void opsReadTheReportWithBothVersionsAndReviewEntriesAtTheActiveSite() {
        Response report = opsB.get("/api/ops/quarantine/report");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("open").asLong()).isEqualTo(4);
        Map<String, Long> counts = new HashMap<>();
        report.json().get("counts").forEach(c -> counts.put(c.get("table").asString() + "/" + c.get("kind").asString(),
                c.get("open").asLong()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "knowledge_article/CHANGED_AT_BOTH_SITES", 1L, "knowledge_article/ONLY_AT_OLD_ACTIVE", 3L));
        JsonNode k1 = StreamSupport.stream(report.json().get("entries").spliterator(), false)
                .filter(e -> e.get("entry").get("rowKey").asString().equals(key(K1))).findFirst().orElseThrow();
        JsonNode bodyColumn = StreamSupport.stream(k1.get("columns").spliterator(), false)
                .filter(c -> c.get("column").asString().equals("body")).findFirst().orElseThrow();
        assertThat(bodyColumn.get("differs").asBoolean()).isTrue();
        assertThat(bodyColumn.get("oldActive").asString()).isEqualTo("orphan edit of k1 at A");
        assertThat(bodyColumn.get("newActive").asString()).isEqualTo("edited at B after promotion");

        Response html = opsB.get("/api/ops/quarantine/report", "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("orphan edit of k1 at A", "edited at B after promotion", "CHANGED_AT_BOTH_SITES",
                "old active (site a", "new active (site b");

        String k2 = idOf(K2);
        Response reviewed = opsB.post("/api/ops/quarantine/" + k2 + "/review",
                Map.of("note", "re-entered by the lead as ticket 2026-000123"));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.text("status")).isEqualTo("REVIEWED");
        assertThat(reviewed.text("reviewedBy")).isEqualTo("ops");
        assertThat(opsB.get("/api/ops/quarantine?status=REVIEWED").json().size()).isEqualTo(1);
        assertThat(metric(sites.b(), "hotline.quarantine.open.entries")).isEqualTo(3.0);

        Response twice = opsB.post("/api/ops/quarantine/" + k2 + "/review", Map.of("note", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("type")).isEqualTo("https://hotline-ha.example/problems/conflict");
        Response blank = opsB.post("/api/ops/quarantine/" + idOf(K4) + "/review", Map.of("note", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text("type")).isEqualTo("https://hotline-ha.example/problems/invalid-input");
        assertThat(opsB.post("/api/ops/quarantine/not-a-uuid/review", Map.of("note", "x")).status()).isEqualTo(400);
        assertThat(opsB.postRaw("/api/ops/quarantine/" + idOf(K4) + "/review", "{\"note\":").status()).isEqualTo(400);
        Response unknown = opsB.post("/api/ops/quarantine/" + UUID.randomUUID() + "/review", Map.of("note", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(opsB.get("/api/ops/quarantine?status=DONE").status()).isEqualTo(400);
        Response atStandby = opsA.post("/api/ops/quarantine/" + idOf(K4) + "/review", Map.of("note", "reviewed at a"));
        assertThat(atStandby.status()).isEqualTo(503);
        assertThat(atStandby.text("activeSite")).isEqualTo("b");
        assertThat(sites.api(sites.b(), "agent1").get("/api/ops/quarantine").status()).isEqualTo(403);
        assertThat(opsB.post("/api/ops/quarantine/scan", Map.of()).status()).as("B is ACTIVE: nothing to scan there")
                .isEqualTo(409);
    }

    @Test
    @Order(3)
    void aSwitchoverStyleDemotionWithNothingUnreplicatedQuarantinesNothing() {
        long entriesBefore = entries(opsA, null).size();
        switchOverFromBToA(3);

        TwoSites.awaitStreaming(sites.b());
        TwoSites.awaitEqual(opsA);
        assertThat(count(sites.jdbcB(), "quarantine_active_period where epoch = 2 and scan_summary like 'no orphan changes%'"))
                .as("B's active period was scanned before its CDC started, and held nothing").isEqualTo(1);
        assertThat(metric(sites.b(), "hotline.replication.handover.starts"))
                .as("so B follows A from the slot A made at its promotion: no copy").isEqualTo(1.0);
        assertThat(count(sites.jdbcA(), "replication_handover where epoch = 3 and previous_epoch = 2 and previous_active = 'b'"))
                .isEqualTo(1);
        Response after = TwoSites.acceptTicket(sites.api(sites.a(), "agent1"), "13911119003");
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        await("a write at A after the switchover, streamed to B").atMost(Duration.ofSeconds(30))
                .until(() -> count(sites.jdbcB(), "ticket where id = '" + after.text("id") + "'") == 1);
        TwoSites.awaitEqual(opsA);
        assertThat(metric(sites.b(), "hotline.quarantine.detected")).isZero();
        assertThat(entries(opsA, null)).hasSize((int) entriesBefore);
    }

    @Test
    @Order(4)
    void entriesTheNewActiveRefusesAreKeptAtTheOldActiveAndMovedThereOnceItAcceptsThem() throws Exception {
        // A is ACTIVE at epoch 3, B its standby. Again: B stalls, A commits an orphan, A is fenced, B takes over.
        try (Connection stall = connect(sites.databaseB.jdbcUrl())) {
            stall.setAutoCommit(false);
            exec(stall, "lock table replication_offset in exclusive mode");
            await("B's CDC apply waiting").atMost(Duration.ofSeconds(30)).until(() -> count(sites.jdbcB(),
                    "pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0);
            try (Connection orphan = connect(sites.databaseA.jdbcUrl())) {
                orphan.setAutoCommit(false);
                exec(orphan, "update knowledge_article set body = 'second orphan at A' where id = '" + K4 + "'");
                // an orphan step of ticket W: B will write its own event under the same (ticket_id, seq) — the desk's
                // retry at the new active — so A's resync meets a row that collides on a secondary unique key
                exec(orphan, eventInsert(ORPHAN_EVENT, "orphan screening at A"));
                exec(orphan, "delete from journal_capture where xid = pg_current_xact_id()");
                orphan.commit();
            }
            assertThat(opsA.post("/api/ops/site/fence", Map.of("reason", "failover to b")).status()).isEqualTo(200);
            assertThat(opsB.post("/api/ops/site/promote", Map.of("epoch", 4, "reason", "failover")).status()).isEqualTo(200);
            stall.rollback();
        }
        await("B's CDC stopped").atMost(Duration.ofSeconds(60))
                .until(() -> sites.b().getBean(CdcEngine.class).state() == CdcState.STOPPED);
        sites.jdbcB().sql(eventInsert(RETRIED_EVENT, "screening retried at B")).update();
        // the new active is fenced (say its lease store went away): it refuses every write, the quarantine's too
        assertThat(opsB.post("/api/ops/site/fence", Map.of("reason", "lease store unreachable")).status()).isEqualTo(200);

        Response demoted = opsA.post("/api/ops/site/demote", Map.of("epoch", 4, "activeSite", "b", "reason", "failback"));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        await("the orphan kept at A").atMost(Duration.ofSeconds(60)).until(() -> entries(opsA, null).stream()
                .anyMatch(e -> e.get("storedAt").asString().equals("LOCAL_PENDING")));
        await("both orphans kept at A").atMost(Duration.ofSeconds(60)).until(() -> entries(opsA, null).stream()
                .filter(e -> e.get("storedAt").asString().equals("LOCAL_PENDING")).count() == 2);
        JsonNode kept = entries(opsA, null).stream().filter(e -> e.get("storedAt").asString().equals("LOCAL_PENDING"))
                .filter(e -> e.get("table").asString().equals("knowledge_article")).findFirst().orElseThrow();
        JsonNode keptEvent = entries(opsA, null).stream().filter(e -> e.get("storedAt").asString().equals("LOCAL_PENDING"))
                .filter(e -> e.get("table").asString().equals("ticket_event")).findFirst().orElseThrow();
        assertThat(keptEvent.get("rowKey").asString()).isEqualTo(key(ORPHAN_EVENT));
        assertThat(keptEvent.get("oldActiveRow").get("note").asString()).isEqualTo("orphan screening at A");
        assertThat(kept.get("rowKey").asString()).isEqualTo(key(K4));
        assertThat(kept.get("kind").asString()).isEqualTo("ONLY_AT_OLD_ACTIVE");
        assertThat(kept.get("oldActiveRow").get("body").asString()).isEqualTo("second orphan at A");
        assertThat(kept.get("epoch").asLong()).isEqualTo(4);
        TwoSites.awaitStreaming(sites.a());
        assertThat(metric(sites.a(), "hotline.replication.handover.starts")).as("A had orphans: it resynced").isZero();
        assertThat(body(sites.jdbcA(), K4)).as("A resynced: the orphan is only in the quarantine").isEqualTo("as replicated");
        assertThat(sites.jdbcA().sql("select id from ticket_event where ticket_id = ?::uuid and note like '%retried at B'")
                .param(ticketW).query(UUID.class).list()).as("B's event replaced the orphan that held its (ticket_id, seq)")
                .containsExactly(RETRIED_EVENT);
        assertThat(count(sites.jdbcA(), "ticket_event where id = '" + ORPHAN_EVENT + "'")).isZero();

        assertThat(opsB.post("/api/ops/site/unfence", Map.of("reason", "lease store back")).status()).isEqualTo(200);
        await("the kept entry moved to the active site").atMost(Duration.ofSeconds(60)).until(() ->
                entries(opsB, null).stream().anyMatch(e -> e.get("id").asString().equals(kept.get("id").asString()))
                        && entries(opsB, null).stream().anyMatch(e -> e.get("id").asString().equals(keptEvent.get("id").asString())));
        await("and back to A by replication, nothing left pending").atMost(Duration.ofSeconds(60)).until(() ->
                entries(opsA, null).stream().allMatch(e -> e.get("storedAt").asString().equals("REPLICATED"))
                        && entries(opsA, null).size() == entries(opsB, null).size());
        TwoSites.awaitEqual(opsB);
    }

    @Test
    @Order(5)
    void anOldActiveThatRewroteARowUnderAnotherVersionResyncsInsteadOfFollowingTheHandoverSlot() throws Exception {
        // B is ACTIVE at epoch 4, A its standby: switch over to A (epoch 5)
        switchOverFromBToA(5);
        TwoSites.awaitStreaming(sites.b());
        TwoSites.awaitEqual(opsA);

        try (Connection stall = connect(sites.databaseB.jdbcUrl())) {
            stall.setAutoCommit(false);
            exec(stall, "lock table replication_offset in exclusive mode");
            await("B's CDC apply waiting").atMost(Duration.ofSeconds(30)).until(() -> count(sites.jdbcB(),
                    "pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0);
            try (Connection rewrite = connect(sites.databaseA.jdbcUrl())) {
                // the same values again (as a seed at start-up does): no orphan, but a version B never gets
                rewrite.setAutoCommit(false);
                exec(rewrite, "update knowledge_article set body = body where id = '" + K3 + "'");
                exec(rewrite, "delete from journal_capture where xid = pg_current_xact_id()");
                rewrite.commit();
            }
            sites.stopA();
            assertThat(opsB.post("/api/ops/site/promote", Map.of("epoch", 6, "reason", "failover: site a lost")).status())
                    .isEqualTo(200);
            stall.rollback();
        }
        await("B's CDC stopped").atMost(Duration.ofSeconds(60))
                .until(() -> sites.b().getBean(CdcEngine.class).state() == CdcState.STOPPED);

        sites.startA();
        opsA = sites.api(sites.a(), "ops");
        Response demoted = opsA.post("/api/ops/site/demote", Map.of("epoch", 6, "activeSite", "b", "reason", "failback"));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        TwoSites.awaitStreaming(sites.a());
        assertThat(count(sites.jdbcA(), "quarantine_active_period where epoch = 5 and orphans_found = 0 and rows_rewritten >= 1"))
                .as("A's period: no orphan, rows rewritten under versions B lacks (K3, and what its scheduled writers redid)").isEqualTo(1);
        assertThat(count(sites.jdbcB(), "replication_handover where epoch = 6")).as("B made a handover slot").isEqualTo(1);
        assertThat(metric(sites.a(), "hotline.replication.handover.starts"))
                .as("A did not follow it: its version of the row would have stayed").isZero();
        TwoSites.awaitEqual(opsB);
        String version = "select row_version from knowledge_article where id = ?";
        assertThat(sites.jdbcA().sql(version).param(K3).query(Long.class).single())
                .isEqualTo(sites.jdbcB().sql(version).param(K3).query(Long.class).single());
    }

    /** A planned switchover by hand: fence B, wait until A has everything, promote A, demote B. */
    static void switchOverFromBToA(long epoch) {
        assertThat(opsB.post("/api/ops/site/fence", Map.of("reason", "switchover to a")).status()).isEqualTo(200);
        TwoSites.awaitEqual(opsA);
        assertThat(opsA.post("/api/ops/site/promote", Map.of("epoch", epoch, "reason", "switchover")).status())
                .isEqualTo(200);
        Response demoted = opsB.post("/api/ops/site/demote", Map.of("epoch", epoch, "activeSite", "a", "reason", "switchover"));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
    }

    static final UUID ORPHAN_EVENT = UUID.randomUUID();
    static final UUID RETRIED_EVENT = UUID.randomUUID();

    /** The next step of ticket W, as the desk would record it (row_version comes from the trigger). */
    static String eventInsert(UUID id, String note) {
        return "insert into ticket_event (id, ticket_id, seq, action, from_state, to_state, actor, actor_role, site, at,"
                + " note, row_version) select '" + id + "', id, (select max(seq) + 1 from ticket_event where ticket_id = '"
                + ticketW + "'), 'SCREEN', state, state, 'agent1', 'AGENT', 'a', now(), '" + note + "', 0 from ticket"
                + " where id = '" + ticketW + "'";
    }

    static List<JsonNode> entries(ApiClient ops, String status) {
        Response list = ops.get("/api/ops/quarantine" + (status == null ? "" : "?status=" + status));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return StreamSupport.stream(list.json().spliterator(), false).toList();
    }

    static String idOf(UUID article) {
        return entries(opsB, null).stream().filter(e -> e.get("rowKey").asString().equals(key(article))).findFirst()
                .orElseThrow().get("id").asString();
    }

    static String key(UUID id) {
        return "[\"" + id + "\"]";
    }

    static String body(JdbcClient jdbc, UUID article) {
        return jdbc.sql("select body from knowledge_article where id = ?").param(article).query(String.class).single();
    }

    static double metric(org.springframework.context.ConfigurableApplicationContext site, String name) {
        MeterRegistry registry = site.getBean(MeterRegistry.class);
        var counter = registry.find(name).counter();
        return counter != null ? counter.count() : registry.get(name).gauge().value();
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, sites.databaseA.username(), sites.databaseA.password());
    }

    static void exec(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
