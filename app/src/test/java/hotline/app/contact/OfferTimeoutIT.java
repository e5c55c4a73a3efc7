package hotline.app.contact;

import hotline.app.support.ApiClient;
import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestPropertySource(properties = "hotline.contacts.offer-timeout=PT2S")
class OfferTimeoutIT extends HotlineIT {

    @Test
    void anOfferNotAcceptedInTimeReturnsToItsPlaceAndTheAgentGoesOnBreak() {
        ApiClient channels = as("channels", "demo-channel-secret");
        ContactDesk agent1 = new ContactDesk(as("agent1"));
        agent1.login();
        agent1.ready();
        String first = channels.post("/api/channels/messages",
                ContactDesk.message("WEB", ContactDesk.newExternalId(), null)).text("contactId");
        assertThat(agent1.offer()).isEqualTo(first);
        String later = channels.post("/api/channels/messages",
                ContactDesk.message("WEB", ContactDesk.newExternalId(), null)).text("contactId");

        await("offer to agent1 timed out").atMost(Duration.ofSeconds(10))
                .until(() -> "QUEUED".equals(lead.get("/api/contacts/" + first).text("state")));
        assertThat(agent1.seatState()).isEqualTo("BREAK");
        assertThat(agent1.offer()).isNull();

        ContactDesk agent2 = new ContactDesk(as("agent2"));
        agent2.login();
        agent2.ready();
        assertThat(agent2.offer()).as("the returned contact keeps its place ahead of the later one").isEqualTo(first);
        assertThat(lead.get("/api/contacts/" + first).json().get("offerCount").asInt()).isEqualTo(2);
        ApiClient.Response accepted = agent2.accept(first);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(agent1.accept(later).status()).as("not on offer to agent1").isEqualTo(404);
    }
}
