package hotline.app.ticket;

import hotline.app.support.ApiClient.Response;
import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket API on a real PostgreSQL: concurrency, refusals and bad input. Refused requests change nothing. */
class TicketApiIT extends HotlineIT {

    private static final String PROBLEMS = "https://hotline-ha.example/problems/";

    @Autowired
    JdbcClient jdbc;

    private Response acceptTicket(String phone) {
        Response r = agent.post("/api/tickets", Map.of("channel", "PHONE", "category", "WATER_QUALITY",
                "title", "自来水发黄", "description", "家中自来水发黄已三天", "citizenPhone", phone,
                "address", "新华路" + phone.substring(7) + "号", "district", "江汉区", "street", "新华路"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private long rowsIn(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWinAndTheOthersGet409() throws Exception {
        Response created = acceptTicket("13800000001");
        String id = created.text("id");
        long version = created.json().get("version").asLong();
        int contenders = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                var client = as("agent" + (i + 1));
                Callable<Response> screen = () -> {
                    start.await();
                    return client.act(id, "screen", version, Map.of("category", "WATER_QUALITY", "priority", "HIGH"));
                };
                results.add(pool.submit(screen));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : results) {
                Response r = f.get();
                statuses.add(r.status());
                if (r.status() == 409) {
                    assertThat(r.text("type")).isEqualTo(PROBLEMS + "stale-version");
                }
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Response after = lead.get("/api/tickets/" + id);
        assertThat(after.json().get("version").asLong()).isEqualTo(version + 1);
        assertThat(after.json().get("history").size()).isEqualTo(2);
    }

    @Test
    void anIllegalTransitionIsRefusedWithAProblemAndChangesNothing() {
        Response created = acceptTicket("13800000002");
        long events = rowsIn("ticket_event");
        Response r = agent.act(created.text("id"), "close", 0, Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.text("type")).isEqualTo(PROBLEMS + "illegal-transition");
        assertThat(r.text("detail")).contains("cannot CLOSE a ticket in state ACCEPTED");
        assertThat(rowsIn("ticket_event")).isEqualTo(events);
        assertThat(lead.get("/api/tickets/" + created.text("id")).text("state")).isEqualTo("ACCEPTED");
    }

    @Test
    void theWrongRoleIsRefused() {
        Response created = acceptTicket("13800000003");
        String id = created.text("id");
        agent.act(id, "screen", 0, Map.of("category", "WATER_QUALITY"));
        agent.act(id, "assign", 1, Map.of("departmentId", "supply"));
        agent.act(id, "urge", 2, Map.of());
        Response reply = as("supply").act(id, "department-reply", 3, Map.of("reply", "已处理"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Response agentReviews = agent.act(id, "accept-reply", 4, Map.of());
        assertThat(agentReviews.status()).isEqualTo(403);
        assertThat(agentReviews.text("type")).isEqualTo(PROBLEMS + "not-permitted");
        assertThat(as("drainage").get("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(as("auditor").post("/api/tickets", Map.of()).status()).isEqualTo(403);
        assertThat(as("ops").get("/api/tickets").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/tickets").status()).isEqualTo(401);
        assertThat(as("agent1", "wrong").get("/api/tickets").status()).isEqualTo(401);
        assertThat(as("platform12345", "demo-platform-secret").get("/api/tickets").status()).isEqualTo(403);
    }

    @Test
    void malformedJsonUnknownEnumsOversizedTextAndMissingFieldsAreRefusedWithoutWriting() {
        long tickets = rowsIn("ticket");

        Response malformed = agent.postRaw("/api/tickets", "{\"channel\": \"PHONE\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("type")).isEqualTo(PROBLEMS + "malformed-request");

        Response unknownEnum = agent.post("/api/tickets", Map.of("channel", "CARRIER_PIGEON", "title", "t", "description", "d"));
        assertThat(unknownEnum.status()).isEqualTo(400);
        assertThat(unknownEnum.text("detail")).contains("CARRIER_PIGEON").contains("channel").contains("PHONE");

        Response oversized = agent.post("/api/tickets", Map.of("channel", "PHONE", "title", "t", "description", "长".repeat(4001)));
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.json().get("errors").get("description").asString()).contains("4000");

        Response missing = agent.post("/api/tickets", Map.of("channel", "PHONE"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").has("title")).isTrue();
        assertThat(missing.json().get("errors").has("description")).isTrue();

        Response badPhone = agent.post("/api/tickets", Map.of("channel", "PHONE", "title", "t", "description", "d",
                "citizenPhone", "call me maybe"));
        assertThat(badPhone.status()).isEqualTo(400);

        Response tooLarge = agent.postRaw("/api/tickets", "{\"x\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.text("type")).isEqualTo(PROBLEMS + "payload-too-large");

        Response unknownAction = agent.act(java.util.UUID.randomUUID().toString(), "teleport", 0, Map.of());
        assertThat(unknownAction.status()).isEqualTo(422);
        assertThat(unknownAction.text("detail")).contains("teleport").contains("record-callback");

        Response unknownTicket = agent.act(java.util.UUID.randomUUID().toString(), "sign", 0, Map.of());
        assertThat(unknownTicket.status()).isEqualTo(404);

        Response noVersion = agent.post("/api/tickets/" + java.util.UUID.randomUUID() + "/actions/sign", Map.of());
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().get("errors").has("version")).isTrue();

        assertThat(rowsIn("ticket")).isEqualTo(tickets);
    }

    @Test
    void aStaleVersionIsRefusedWith409AndTheTicketKeepsTheWinnersChange() {
        Response created = acceptTicket("13800000004");
        String id = created.text("id");
        assertThat(agent.act(id, "screen", 0, Map.of("category", "LOW_PRESSURE")).status()).isEqualTo(200);
        Response stale = as("agent2").act(id, "screen", 0, Map.of("category", "METER_BILLING"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("detail")).contains("version 0").contains("reload");
        assertThat(lead.get("/api/tickets/" + id).text("category")).isEqualTo("LOW_PRESSURE");
    }

    @Test
    void assigningToAnUnknownDepartmentIsRefused() {
        Response created = acceptTicket("13800000005");
        String id = created.text("id");
        agent.act(id, "screen", 0, Map.of("category", "LOW_PRESSURE"));
        Response r = agent.act(id, "assign", 1, Map.of("departmentId", "nowhere"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("detail")).contains("nowhere");
        assertThat(lead.get("/api/tickets/" + id).text("state")).isEqualTo("SCREENED");
    }

    @Test
    void repeatComplaintsFromTheSameCallerAreLinkedAndFlaggedForSupervision() {
        Response first = acceptTicket("13800000006");
        Response second = acceptTicket("13800000006");
        assertThat(first.json().get("supervised").asBoolean()).isFalse();
        assertThat(second.json().get("supervised").asBoolean()).isTrue();
        Response detail = lead.get("/api/tickets/" + second.text("id"));
        assertThat(detail.json().get("links").get(0).get("number").asString()).isEqualTo(first.text("number"));
        assertThat(detail.json().get("links").get(0).get("reason").asString()).isEqualTo("SAME_CALLER");
        Response supervised = lead.get("/api/tickets?view=supervised");
        assertThat(supervised.body()).contains(second.text("number"));
    }
}
