package hotline.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import hotline.app.drill.model.SampleEvidence;
import hotline.app.support.ApiClient;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.TwoSites;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Site A ACTIVE, site B STANDBY replicating through the real Debezium engine, one Hazelcast grid over both:
 * what reaches B, what B refuses, and that B ends up exactly equal to A after a restart and after a lost slot;
 * drill evidence recorded at A reads and verifies the same at B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoSiteReplicationIT {

    static TwoSites sites;
    static ApiClient agentA;
    static ApiClient agentB;
    static ApiClient opsA;
    static ApiClient opsB;
    /** agent3's browser, logged in at A by the first test; the promotion test uses its cookie at B. */
    static java.net.http.HttpClient agent3Browser;

    @BeforeAll
    static void start() {
        sites = new TwoSites();
        agentA = sites.api(sites.a(), "agent1");
        agentB = sites.api(sites.b(), "agent1");
        opsA = sites.api(sites.a(), "ops");
        opsB = sites.api(sites.b(), "ops");
        awaitStreaming();
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    static void awaitStreaming() {
        TwoSites.awaitStreaming(sites.b());
    }

    static Response acceptTicket(ApiClient client, String phone) {
        return TwoSites.acceptTicket(client, phone);
    }

    static void awaitEqual() {
        TwoSites.awaitEqual(opsB);
    }

    @Test
    @Order(0)
    void anAgentLoggedInAtOneSiteIsStillLoggedInAtTheOtherWithHerDrafts() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String a = "http://localhost:" + port(sites.a());
        String b = "http://localhost:" + port(sites.b());
        String page = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
        var login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=agent3&password=demo&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        var meAtA = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a + "/api/me")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(meAtA.body()).contains("agent3");
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        var saved = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a + "/api/drafts/reply-1"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"您好，抢修队已出发\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        // the same browser, the same session cookie, the other site: no new login, the draft is there
        var meAtB = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b + "/api/me")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(meAtB.statusCode()).isEqualTo(200);
        assertThat(meAtB.body()).contains("agent3");
        var draftAtB = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b + "/api/drafts/reply-1")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(draftAtB.body()).contains("抢修队已出发");
        agent3Browser = browser;
    }

    static int port(org.springframework.context.ConfigurableApplicationContext site) {
        return ((org.springframework.boot.web.server.context.WebServerApplicationContext) site).getWebServer().getPort();
    }

    @Test
    @Order(1)
    void insertsUpdatesAndDeletesAtTheActiveSiteAppearAtTheStandby() {
        Response created = acceptTicket(agentA, "13911110001");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        await("ticket in B's database").atMost(Duration.ofSeconds(30))
                .until(() -> count(sites.jdbcB(), "ticket where id = '" + id + "'") == 1);
        Response atB = agentB.get("/api/tickets/" + id);
        assertThat(atB.status()).as(atB.body()).isEqualTo(200);

        Response signed = agentA.act(id, "screen", created.json().get("version").asLong(), Map.of());
        long version = signed.status() == 200 ? signed.json().get("version").asLong() : -1;
        if (version > 0) {
            await("update at B").atMost(Duration.ofSeconds(30)).until(() ->
                    agentB.get("/api/tickets/" + id).json().get("version").asLong() == version);
        }

        JdbcClient a = sites.jdbcA();
        UUID article = UUID.randomUUID();
        a.sql("insert into knowledge_article (id, title, body, category) values (?, 'to delete', 'x', 'OTHER')")
                .param(article).update();
        await("article at B").atMost(Duration.ofSeconds(30)).until(() -> count(sites.jdbcB(), "knowledge_article where id = '" + article + "'") == 1);
        a.sql("delete from knowledge_article where id = ?").param(article).update();
        await("delete at B").atMost(Duration.ofSeconds(30)).until(() -> count(sites.jdbcB(), "knowledge_article where id = '" + article + "'") == 0);
        awaitEqual();
    }

    @Test
    @Order(2)
    void aMultiRowTransactionIsNeverSeenHalfAppliedAtTheStandby() throws Exception {
        String marker = "m" + UUID.randomUUID().toString().substring(0, 6);
        Set<Long> seenAtB = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            JdbcClient b = sites.jdbcB();
            while (!done.get()) {
                seenAtB.add(count(b, "department where id like '" + marker + "%'"));
            }
        });
        reader.start();
        sites.jdbcA().sql("""
                insert into department (id, name, kind, active)
                select :m || '-' || g, '部门' || g, 'INTERNAL', true from generate_series(1, 300) g""")
                .param("m", marker).update();
        await("the transaction at B").atMost(Duration.ofSeconds(30)).until(() -> seenAtB.contains(300L));
        done.set(true);
        reader.join();
        assertThat(seenAtB).as("row counts B showed while applying").isSubsetOf(0L, 300L);
    }

    @Test
    @Order(3)
    void writesSentToTheStandbyAreRefusedAndChangeNothing() {
        long before = count(sites.jdbcB(), "ticket");
        Response refused = acceptTicket(agentB, "13911110002");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("https://hotline-ha.example/problems/site-not-active");
        assertThat(refused.text("activeSite")).isEqualTo("a");
        assertThatThrownBy(() -> sites.jdbcB().sql("insert into department (id, name, kind, active) values ('x-b', 'x', 'INTERNAL', true)").update())
                .hasMessageContaining("writes go to the active site a");
        assertThat(count(sites.jdbcB(), "ticket")).isEqualTo(before);
        assertThat(count(sites.jdbcB(), "department where id = 'x-b'")).isZero();
    }

    @Test
    @Order(4)
    void aStaleEpochWriteIsRefusedAndChangesNothing() {
        long before = count(sites.jdbcA(), "ticket");
        Response refused = agentA.post("/api/tickets", Map.of("channel", "PHONE", "category", "WATER_QUALITY",
                "title", "t", "description", "d", "citizenPhone", "13911110003", "address", "a", "district", "江汉区",
                "street", "s"), Map.of("Hotline-Epoch", "0"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("https://hotline-ha.example/problems/stale-epoch");
        assertThat(count(sites.jdbcA(), "ticket")).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aStandbyReplicaWithoutTheLeadRunsNoEngineServesTheLeadsViewUntilItIsStaleAndStreamsOnWhenItRetakesTheLead()
            throws Exception {
        CdcEngine cdcB = sites.b().getBean(CdcEngine.class);
        String replicaB = sites.b().getBean(hotline.app.site.LeadReplica.class).replica();
        await("B, the lead replica, has published its STREAMING view").atMost(Duration.ofSeconds(10))
                .until(() -> sites.jdbcB().sql("select view->>'cdcState' from replication_lead_view where site = 'b'")
                        .query(String.class).optional().orElse(""), "STREAMING"::equals);
        try (Connection otherReplica = DriverManager.getConnection(sites.databaseB.jdbcUrl(), sites.databaseB.username(),
                sites.databaseB.password())) {
            // another replica of site B takes the lead: B's lock session ends, the lock is held elsewhere
            await("another replica holds B's lead lock").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        sites.jdbcB().sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name like "
                                + "'hotline-replica %' and datname = current_database() and pid <> pg_backend_pid()").query(Boolean.class).list();
                        try (Statement s = otherReplica.createStatement();
                             ResultSet rs = s.executeQuery("select pg_try_advisory_lock(hashtext('"
                                     + hotline.app.site.LeadReplica.LOCK_NAME + "'))")) {
                            return rs.next() && rs.getBoolean(1);
                        }
                    });
            // B no longer leads: it serves the last view it published as lead (that "other replica" publishes none)
            Response fromLastLead = await("B answers as a replica without the lead").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).until(() -> opsB.get("/api/ops/replication"),
                            r -> !r.json().get("leadReplica").asBoolean());
            assertThat(fromLastLead.text("servedBy")).isEqualTo(replicaB);
            assertThat(fromLastLead.text("viewFrom")).isEqualTo(replicaB);
            assertThat(fromLastLead.json().get("viewAgeSeconds").asDouble()).isLessThanOrEqualTo(5.0);
            assertThat(fromLastLead.text("cdcState")).as(fromLastLead.body()).isEqualTo("STREAMING");
            assertThat(fromLastLead.text("role")).isEqualTo("STANDBY");

            await("B's engine stopped: not the lead replica").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(cdcB::followingLead);
            assertThat(cdcB.stateReason()).startsWith("another replica of site b streams from site a");
            Response stale = await("B's last view is older than lead-view-max-age (5 s)").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200)).until(() -> opsB.get("/api/ops/replication"),
                            r -> "UNKNOWN".equals(r.text("cdcState")));
            assertThat(stale.text("cdcReason")).as(stale.body()).startsWith("no lead replica of site b has reported for ")
                    .contains("said STREAMING");
            assertThat(stale.json().get("consistentPrefix").asBoolean()).isFalse();
            assertThat(stale.json().has("lagSeconds")).as("no lag is reported for an unknown state").isFalse();
            assertThat(stale.json().get("viewAgeSeconds").asDouble()).isGreaterThan(5.0);
            assertThat(opsB.get("/actuator/health/readiness").status()).as("a replica without the lead stays ready")
                    .isEqualTo(200);
            Response resync = opsB.post("/api/ops/replication/resync", Map.of("reason", "test"));
            assertThat(resync.status()).isEqualTo(409);
            assertThat(resync.text("type")).isEqualTo("https://hotline-ha.example/problems/not-lead-replica");
            assertThat(resync.text("detail")).contains("call the resync at the lead replica");
            assertThat(opsB.post("/api/ops/replication/lag/reset", Map.of()).status())
                    .as("the lag figures served are the lead's: reset them there").isEqualTo(409);
            assertThat(count(sites.jdbcA(), "pg_replication_slots where slot_name = 'hotline_to_b' and active"))
                    .as("nobody reads B's slot").isZero();

            // another replica of B fences the site (its own cache, its own database write): B reads it back at once
            sites.jdbcB().sql("update site_state set fenced = true, reason = 'fenced through another replica'").update();
            assertThat(opsB.get("/api/ops/site").json().get("fenced").asBoolean()).isTrue();
            sites.jdbcB().sql("update site_state set fenced = false, reason = 'unfenced through another replica'").update();
            assertThat(opsB.get("/api/site").json().get("fenced").asBoolean()).isFalse();
        }
        // the other replica is gone: B takes the lead back and streams on from its stored offset
        awaitStreaming();
        assertThat(acceptTicket(agentA, "13911110004").status()).isEqualTo(201);
        awaitEqual();
        Response again = opsB.get("/api/ops/replication");
        assertThat(again.json().get("leadReplica").asBoolean()).isTrue();
        assertThat(again.text("cdcState")).isEqualTo("STREAMING");
        assertThat(again.text("viewFrom")).isEqualTo(replicaB);
        assertThat(again.json().get("viewAgeSeconds").asDouble()).isZero();
        await("B publishes its own view again").atMost(Duration.ofSeconds(10)).until(() -> sites.jdbcB()
                .sql("select view->>'cdcState' from replication_lead_view where site = 'b' and published_at > now() - interval '2 s'")
                .query(String.class).optional().orElse(""), "STREAMING"::equals);
    }

    @Test
    @Order(6)
    void afterTheStandbyIsRestartedMidStreamItEqualsTheActiveWithoutDuplicates() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> acknowledged = new ArrayList<>();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                Response r = acceptTicket(agentA, "139" + String.format("%08d", 20000000 + n++));
                if (r.status() == 201) {
                    synchronized (acknowledged) {
                        acknowledged.add(r.text("id"));
                    }
                }
            }
        });
        writer.start();
        await("writes under way").atMost(Duration.ofSeconds(30)).until(() -> acknowledgedCount(acknowledged) >= 20);
        sites.restartB();
        int afterRestart = acknowledgedCount(acknowledged);
        await("more writes while B catches up").atMost(Duration.ofSeconds(30))
                .until(() -> acknowledgedCount(acknowledged) >= afterRestart + 20);
        writing.set(false);
        writer.join();
        opsB = sites.api(sites.b(), "ops");
        agentB = sites.api(sites.b(), "agent1");
        awaitStreaming();
        awaitEqual();
        assertThat(acknowledged).isNotEmpty();
        for (String id : acknowledged) {
            assertThat(count(sites.jdbcB(), "ticket where id = '" + id + "'")).isEqualTo(1);
        }
        assertThat(count(sites.jdbcB(), "ticket_event")).isEqualTo(count(sites.jdbcA(), "ticket_event"));
    }

    @Test
    @Order(7)
    void aLostSlotIsDetectedAndTheResyncLeavesTheStandbyEqualIncludingRowsDeletedMeanwhile() {
        UUID kept = UUID.randomUUID();
        UUID deletedMeanwhile = UUID.randomUUID();
        JdbcClient a = sites.jdbcA();
        for (UUID id : List.of(kept, deletedMeanwhile)) {
            a.sql("insert into knowledge_article (id, title, body, category) values (?, 'resync', 'x', 'OTHER')")
                    .param(id).update();
        }
        await("articles at B").atMost(Duration.ofSeconds(30)).until(() ->
                count(sites.jdbcB(), "knowledge_article where title = 'resync'") == 2);
        MeterRegistry metricsB = sites.b().getBean(MeterRegistry.class);
        double lossesBefore = metricsB.counter("hotline.replication.slot.losses").count();

        // the slot goes away under the running engine, and changes are made before anyone reads them
        String slot = "hotline_to_b";
        await("slot dropped").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            a.sql("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = ? and active_pid is not null")
                    .param(slot).query().listOfRows();
            try {
                a.sql("select pg_drop_replication_slot(?)").param(slot).query().listOfRows();
                return true;
            } catch (RuntimeException stillActive) {
                return false;
            }
        });
        a.sql("delete from knowledge_article where id = ?").param(deletedMeanwhile).update();
        a.sql("update knowledge_article set body = 'changed while the slot was gone' where id = ?").param(kept).update();

        await("loss detected").atMost(Duration.ofSeconds(60)).until(() ->
                metricsB.counter("hotline.replication.slot.losses").count() > lossesBefore);
        awaitStreaming();
        awaitEqual();
        assertThat(count(sites.jdbcB(), "knowledge_article where id = '" + deletedMeanwhile + "'")).isZero();
        assertThat(sites.jdbcB().sql("select body from knowledge_article where id = ?").param(kept).query(String.class).single())
                .isEqualTo("changed while the slot was gone");
    }

    @Test
    @Order(8)
    void drillEvidenceRecordedAtTheActiveSiteIsReadAndVerifiedAtTheStandby() {
        UUID id = UUID.randomUUID();
        Response recorded = opsA.post("/api/ops/drills", SampleEvidence.switchover(id));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

        await("drill evidence at B").atMost(Duration.ofSeconds(30))
                .until(() -> count(sites.jdbcB(), "drill_evidence where id = '" + id + "'") == 1);
        assertThat(opsB.get("/api/ops/drills/" + id).body()).as("the same export at B").isEqualTo(recorded.body());
        Response chainAtB = opsB.get("/api/ops/drills/chain");
        assertThat(chainAtB.json().get("intact").asBoolean()).as(chainAtB.body()).isTrue();
        assertThat(chainAtB.json().get("headHash").asString()).isEqualTo(recorded.text("hash"));

        Response refused = opsB.post("/api/ops/drills", SampleEvidence.switchover(UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("https://hotline-ha.example/problems/site-not-active");
        awaitEqual();
    }

    @Test
    @Order(9)
    void afterBIsPromotedTheQueueKeepsItsOrderAndTheAgentLoggedInAtASeesHerBackupSeatThroughB() throws Exception {
        ApiClient channels = new ApiClient("http://localhost:" + port(sites.a()), "channels", "demo-channel-secret",
                sites.a().getBean(tools.jackson.databind.json.JsonMapper.class));
        for (String category : List.of("WATER_QUALITY", "OTHER", "PIPE_BURST", "METER_BILLING")) {
            Response queued = channels.post("/api/channels/messages", Map.of("channel", "WEB",
                    "externalId", "switch-" + UUID.randomUUID(), "senderName", "张先生", "senderPhone", "13800138000",
                    "subject", "咨询", "text", "请问何时恢复供水？", "category", category));
            assertThat(queued.status()).as(queued.body()).isEqualTo(201);
        }
        List<String> queueAtA = queueOrder(sites.jdbcA());
        assertThat(queueAtA).hasSizeGreaterThanOrEqualTo(4);

        // switchover as the controller does it: fence A, B caught up, promote B at the next epoch, demote A
        long epoch = sites.a().getBean(hotline.app.site.SiteStateService.class).current().epoch() + 1;
        assertThat(opsA.post("/api/ops/site/fence", Map.of("reason", "switchover to b")).status()).isEqualTo(200);
        awaitEqual();
        Response promoted = opsB.post("/api/ops/site/promote", Map.of("epoch", epoch, "reason", "switchover from a"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(opsA.post("/api/ops/site/demote", Map.of("epoch", epoch, "activeSite", "b")).status()).isEqualTo(200);

        // the same browser, the same cookie, now at B: her backup seat, her seat state as it was at A
        String b = "http://localhost:" + port(sites.b());
        tools.jackson.databind.JsonNode seatSwitch = await("the seat switch at B").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    var r = agent3Browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b + "/api/seats/switch"))
                            .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 ? sites.b().getBean(tools.jackson.databind.json.JsonMapper.class).readTree(r.body()) : null;
                }, s -> s != null && s.get("epoch").asLong() == epoch);
        assertThat(seatSwitch.get("site").asString()).isEqualTo("b");
        assertThat(seatSwitch.get("seats").findValuesAsString("username")).contains("agent3");
        var seatAtB = agent3Browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(b + "/api/seats/me")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(seatAtB.body()).contains("\"state\":\"BREAK\"");
        Response controllerCall = opsB.post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(controllerCall.status()).as(controllerCall.body()).isEqualTo(200);
        assertThat(controllerCall.json().get("switchedAt")).isEqualTo(seatSwitch.get("switchedAt"));

        assertThat(queueOrder(sites.jdbcB())).as("queue at B after the promotion").isEqualTo(queueAtA);
    }

    /** The contacts waiting, in the order the ACD takes them ({@code ContactQueue.ORDER}). */
    static List<String> queueOrder(JdbcClient jdbc) {
        return jdbc.sql("""
                        select id::text from contact where state = 'QUEUED'
                        order by (case priority when 'EMERGENCY' then 0 else 1 end), queued_at, id""")
                .query(String.class).list();
    }

    static int acknowledgedCount(List<String> acknowledged) {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    static long count(JdbcClient jdbc, String fromWhere) {
        return TwoSites.count(jdbc, fromWhere);
    }
}
