package hotline.app.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.app.site.SiteStateService;
import hotline.app.support.ApiClient;
import hotline.app.support.HotlineIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * After a seat switch, contacts go only to people with a seat: somebody the switch left without one has no telephone
 * to take them on. A seat freed by a logout goes to the first person still waiting for one. A backup site of 2 seats,
 * so that three agents outnumber it.
 */
@TestPropertySource(properties = "hotline.roster.backup-seats=2")
class OffersAtTheBackupSiteIT extends HotlineIT {

    private static final List<String> AGENTS = List.of("agent1", "agent2", "agent3");

    @Autowired
    SiteStateService site;

    @AfterEach
    void everybodyLogsOut() {
        AGENTS.forEach(u -> new ContactDesk(as(u)).logout());
    }

    @Test
    void onlySeatedPeopleGetContactsAndASeatFreedByALogoutGoesToTheNextInLine() {
        AGENTS.forEach(u -> assertThat(new ContactDesk(as(u)).login()).isEqualTo("BREAK"));
        long epoch = site.current().epoch() + 1;
        ApiClient.Response promoted = as("ops").post("/api/ops/site/promote", Map.of("epoch", epoch, "reason", "test"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        ApiClient.Response switched = as("ops").post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        List<String> seated = switched.json().get("seats").findValuesAsString("username");
        List<String> waiting = strings(switched.json().get("withoutSeat"));
        assertThat(seated).hasSize(2);
        assertThat(waiting).hasSize(1);
        ContactDesk unseated = new ContactDesk(as(waiting.get(0)));
        ContactDesk leaving = new ContactDesk(as(seated.get(0)));

        unseated.ready();
        ApiClient.Response message = as("channels", "demo-channel-secret").post("/api/channels/messages",
                ContactDesk.message("WEB", ContactDesk.newExternalId(), null));
        assertThat(message.status()).as(message.body()).isEqualTo(201);
        String contactId = message.text("contactId");
        await("the contact stays queued: nobody with a seat is ready").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> unseated.offer() == null && "QUEUED".equals(lead.get("/api/contacts/" + contactId).text("state")));

        leaving.logout();
        JsonNode after = lead.get("/api/seats/switch").json();
        assertThat(after.get("seats").findValuesAsString("username")).contains(waiting.get(0))
                .doesNotContain(seated.get(0));
        assertThat(strings(after.get("withoutSeat"))).containsExactly(seated.get(0));
        await("the contact is offered to the person who took the freed seat").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> contactId.equals(unseated.offer()));
        unseated.handle(contactId);

        assertThat(leaving.login()).isEqualTo("BREAK");
        JsonNode back = lead.get("/api/seats/switch").json();
        assertThat(strings(back.get("withoutSeat"))).as("every seat is taken: back last in line")
                .containsExactly(seated.get(0));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asString()));
        return values;
    }
}
