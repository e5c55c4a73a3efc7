package hotline.app.contact;

import hotline.app.support.ApiClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent's desk does, as test steps. */
final class ContactDesk {

    private final ApiClient api;

    ContactDesk(ApiClient api) {
        this.api = api;
    }

    String login() {
        ApiClient.Response r = api.post("/api/seats/me/login", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.text("state");
    }

    void logout() {
        assertThat(api.post("/api/seats/me/logout", "").status()).isEqualTo(200);
    }

    ApiClient.Response state(String state) {
        return api.post("/api/seats/me/state", Map.of("state", state));
    }

    void ready() {
        ApiClient.Response r = state("READY");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    String seatState() {
        return api.get("/api/seats/me").text("state");
    }

    /** The contact on offer to this agent, or null. */
    String offer() {
        ApiClient.Response r = api.get("/api/contacts/offer");
        assertThat(r.status()).as(r.body()).isIn(200, 204);
        return r.status() == 204 ? null : r.text("id");
    }

    ApiClient.Response accept(String contactId) {
        return api.post("/api/contacts/" + contactId + "/accept", "");
    }

    ApiClient.Response complete(String contactId) {
        return api.post("/api/contacts/" + contactId + "/complete", "");
    }

    /** Accept, complete and finish after-call work: the contact ends COMPLETED, the agent READY. */
    void handle(String contactId) {
        ApiClient.Response accepted = accept(contactId);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        ApiClient.Response completed = complete(contactId);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        ready();
    }

    static Map<String, Object> message(String channel, String externalId, String category) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("channel", channel, "externalId", externalId,
                "senderName", "张先生", "senderPhone", "13800138000", "subject", "小区停水咨询",
                "text", "请问我们小区什么时候恢复供水？"));
        if (category != null) {
            m.put("category", category);
        }
        return m;
    }

    static String newExternalId() {
        return "msg-" + UUID.randomUUID();
    }
}
