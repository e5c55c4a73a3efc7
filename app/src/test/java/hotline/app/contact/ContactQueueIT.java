package hotline.app.contact;

import hotline.app.support.ApiClient;
import hotline.app.support.HotlineIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contact queue end to end: channels and simulated calls in, the ACD offering to agents, the desk
 * accepting, creating the ticket, completing; recordings and their checksum; roles.
 */
class ContactQueueIT extends HotlineIT {

    @Autowired
    MeterRegistry meters;

    private ContactDesk desk(String username) {
        return new ContactDesk(as(username));
    }

    private ApiClient channels() {
        return as("channels", "demo-channel-secret");
    }

    private String messageArrives(String category) {
        ApiClient.Response r = channels().post("/api/channels/messages",
                ContactDesk.message("WEB", ContactDesk.newExternalId(), category));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("contactId");
    }

    private ApiClient.Response callArrives(String category) {
        Map<String, Object> body = category == null ? Map.of("caller", "13912345678")
                : Map.of("caller", "13912345678", "category", category);
        ApiClient.Response r = lead.post("/api/telephony/simulator/inbound-calls", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** Every test leaves the queue empty and the agents offline, whatever it queued. */
    @AfterEach
    void drainQueue() {
        for (int i = 1; i <= 8; i++) {
            desk("agent" + i).logout();
        }
        ContactDesk sweeper = desk("agent8");
        sweeper.login();
        sweeper.ready();
        await("queue drained by agent8").atMost(Duration.ofSeconds(30)).until(() -> {
            String offered = sweeper.offer();
            if (offered != null) {
                sweeper.handle(offered);
            }
            ApiClient.Response queue = lead.get("/api/queue");
            return offered == null && queue.json().get("length").asLong() == 0 && queue.json().get("offered").asLong() == 0;
        });
        sweeper.logout();
    }

    @Test
    void messageIsOfferedToTheReadyAgentAndLinkedToTheTicketCreatedFromIt() {
        String contactId = messageArrives(null);
        assertThat(lead.get("/api/contacts/" + contactId).text("state")).isEqualTo("QUEUED");

        ContactDesk agent1 = desk("agent1");
        assertThat(agent1.login()).isEqualTo("BREAK");
        assertThat(agent1.offer()).as("no offer while on break").isNull();
        agent1.ready();

        assertThat(agent1.offer()).isEqualTo(contactId);
        ApiClient.Response accepted = agent1.accept(contactId);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.text("state")).isEqualTo("CONNECTED");
        assertThat(accepted.text("ticketChannel")).isEqualTo("WEB");
        assertThat(agent1.seatState()).isEqualTo("BUSY");
        assertThat(agent.get("/api/contacts/current").text("id")).isEqualTo(contactId);

        ApiClient.Response ticket = agent.post("/api/tickets", Map.of("channel", "WEB", "title", "小区停水咨询",
                "description", "市民询问恢复供水时间", "citizenPhone", "13800138000", "contactId", contactId));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(agent.get("/api/contacts/" + contactId).text("ticketId")).isEqualTo(ticket.text("id"));

        ApiClient.Response completed = agent1.complete(contactId);
        assertThat(completed.text("state")).isEqualTo("WRAP_UP");
        assertThat(agent1.seatState()).isEqualTo("AFTER_CALL_WORK");
        agent1.ready();
        assertThat(agent.get("/api/contacts/" + contactId).text("state")).isEqualTo("COMPLETED");
    }

    @Test
    void theAgentIdleLongestGetsTheFirstContact() {
        ContactDesk agent2 = desk("agent2");
        ContactDesk agent3 = desk("agent3");
        agent2.login();
        agent3.login();
        agent2.ready();
        agent3.ready();

        String first = messageArrives(null);
        String second = messageArrives(null);

        assertThat(agent2.offer()).isEqualTo(first);
        assertThat(agent3.offer()).isEqualTo(second);
        agent2.handle(first);
        agent3.handle(second);
    }

    @Test
    void emergencyJumpsTheQueue() {
        String normal1 = messageArrives("METER_BILLING");
        String normal2 = messageArrives(null);
        String burst = callArrives("PIPE_BURST").text("contactId");
        ApiClient.Response queue = lead.get("/api/queue");
        assertThat(queue.json().get("byPriority").get("EMERGENCY").asLong()).isEqualTo(1);
        assertThat(queue.json().get("byPriority").get("NORMAL").asLong()).isEqualTo(2);

        ContactDesk agent4 = desk("agent4");
        agent4.login();
        agent4.ready();
        assertThat(agent4.offer()).isEqualTo(burst);
        agent4.handle(burst);
        assertThat(agent4.offer()).isEqualTo(normal1);
        agent4.handle(normal1);
        assertThat(agent4.offer()).isEqualTo(normal2);
        agent4.handle(normal2);
    }

    @Test
    void channelMessagesAreIdempotentByChannelAndExternalId() {
        Map<String, Object> message = ContactDesk.message("WECHAT", ContactDesk.newExternalId(), null);
        ApiClient.Response first = channels().post("/api/channels/messages", message);
        ApiClient.Response again = channels().post("/api/channels/messages", message);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("contactId")).isEqualTo(first.text("contactId"));

        Map<String, Object> tooLong = ContactDesk.message("WEB", ContactDesk.newExternalId(), null);
        tooLong.put("text", "水".repeat(4001));
        ApiClient.Response refused = channels().post("/api/channels/messages", tooLong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/invalid-input");
    }

    @Test
    void callIsRecordedWithItsChecksumAndATamperedFileIsDetected() throws Exception {
        String contactId = callArrives(null).text("contactId");
        ContactDesk agent5 = desk("agent5");
        agent5.login();
        agent5.ready();
        assertThat(agent5.offer()).isEqualTo(contactId);
        agent5.handle(contactId);

        ApiClient.Response found = as("agent5").get("/api/recordings?contactId=" + contactId);
        assertThat(found.json().size()).as(found.body()).isEqualTo(1);
        String recordingId = found.json().get(0).get("id").asString();
        String sha256 = found.json().get(0).get("sha256").asString();
        Path file = Path.of(found.json().get(0).get("storagePath").asString());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                .isEqualTo(sha256);

        HttpResponse<byte[]> audio = download("agent5", "/api/recordings/" + recordingId);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(new String(audio.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio.body()))).isEqualTo(sha256);

        assertThat(download("agent6", "/api/recordings/" + recordingId).statusCode())
                .as("another agent's call").isEqualTo(403);
        assertThat(as("agent6").get("/api/recordings?contactId=" + contactId).json().size()).isZero();
        assertThat(download("lead", "/api/recordings/" + recordingId).statusCode()).as("the lead listens in").isEqualTo(200);

        double corruptBefore = meters.counter("hotline.recordings.corrupt").count();
        byte[] tampered = Files.readAllBytes(file);
        tampered[100] ^= 0x7f;
        Files.write(file, tampered);
        ApiClient.Response corrupt = lead.get("/api/recordings/" + recordingId);
        assertThat(corrupt.status()).isEqualTo(500);
        assertThat(corrupt.text("type")).endsWith("/corrupt-data");
        assertThat(corrupt.text("detail")).contains(recordingId).contains("corrupt");
        assertThat(meters.counter("hotline.recordings.corrupt").count()).isEqualTo(corruptBefore + 1);
    }

    @Test
    void outboundCallbackIsAnsweredAndRecordedOnHangup() {
        ApiClient.Response call = agent.post("/api/calls/outbound", Map.of("number", "13700001111", "purpose", "CALLBACK"));
        assertThat(call.status()).as(call.body()).isEqualTo(201);
        assertThat(call.text("direction")).isEqualTo("OUT");
        assertThat(call.text("answeredAt")).isNotNull();
        ApiClient.Response ended = agent.post("/api/calls/" + call.text("id") + "/hangup", "");
        assertThat(ended.text("endedAt")).isNotNull();
        assertThat(ended.text("recordingId")).isNotNull();
    }

    @Test
    void illegalSeatMoveSaysWhatToDo() {
        ContactDesk agent7 = desk("agent7");
        ApiClient.Response r = agent7.state("READY");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("type")).endsWith("/illegal-transition");
        assertThat(r.text("detail")).contains("log in first");

        ApiClient.Response busy = agent7.state("BUSY");
        assertThat(busy.status()).isEqualTo(422);
    }

    @Test
    void wrongRoleGetsAForbiddenProblem() {
        assertForbidden(agent.get("/api/seats"));
        assertForbidden(agent.post("/api/telephony/simulator/inbound-calls", Map.of("caller", "13912345678")));
        assertForbidden(agent.post("/api/channels/messages", ContactDesk.message("WEB", ContactDesk.newExternalId(), null)));
        assertForbidden(channels().get("/api/contacts/offer"));
        assertForbidden(as("auditor").get("/api/recordings"));
        assertThat(lead.get("/api/seats").status()).isEqualTo(200);
        assertThat(as("ops").post("/api/telephony/simulator/inbound-calls", Map.of("caller", "bad")).status()).isEqualTo(400);
    }

    private static void assertForbidden(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.text("type")).endsWith("/not-permitted");
    }

    private HttpResponse<byte[]> download(String username, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
