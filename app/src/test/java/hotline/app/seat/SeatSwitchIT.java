package hotline.app.seat;

import hotline.app.roster.RosterService;
import hotline.app.site.SiteStateService;
import hotline.app.support.ApiClient;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.HotlineIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seat switch of a promoted site, against the real roster and presence rows. A backup site of 3 seats (instead
 * of 10), so that the demo team of a lead and 8 agents can outnumber it. The tests change this context's site role
 * and epoch, and leave it ACTIVE with everybody logged out and today's roster empty.
 */
@TestPropertySource(properties = "hotline.roster.backup-seats=3")
class SeatSwitchIT extends HotlineIT {

    private static final String PROBLEMS = "https://hotline-ha.example/problems/";
    private static final List<String> STAFF = List.of("lead", "agent1", "agent2", "agent3", "agent4", "agent5",
            "agent6", "agent7", "agent8");

    @Autowired
    SiteStateService site;
    @Autowired
    RosterService roster;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void everybodyLogsOutAndTodaysPlanIsCleared() {
        LocalDate today = roster.today();
        for (String shift : List.of("DAY", "NIGHT")) {
            assertThat(lead.put("/api/roster/shifts/" + today + "/" + shift, Map.of("usernames", List.of())).status())
                    .isEqualTo(204);
        }
        assertThat(lead.put("/api/roster/backup-seats?date=" + today, Map.of("usernames", List.of())).status())
                .isEqualTo(200);
        STAFF.forEach(u -> assertThat(as(u).post("/api/seats/me/logout", "").status()).isEqualTo(200));
    }

    @Test
    void refusesToSwitchSeatsAtAStandbySite() {
        long standbyEpoch = site.current().epoch() + 1;
        demote(standbyEpoch);
        try {
            Response refused = ops().post("/api/ops/seats/switch?epoch=" + standbyEpoch, "");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.text("type")).isEqualTo(PROBLEMS + "site-not-active");
            assertThat(refused.text("detail")).contains("STANDBY");
            assertThat(switchesStoredFor(standbyEpoch)).isZero();
        } finally {
            promote(standbyEpoch + 1);
        }
    }

    @Test
    void switchesSeatsByItselfWhenTheSiteIsPromotedAndKeepsEverySeatState() {
        login("agent2");
        login("agent4");
        assertThat(as("agent4").post("/api/seats/me/state", Map.of("state", "READY")).status()).isEqualTo(200);
        long mappedBefore = meters.timer("hotline.seat.switch").count();

        long epoch = site.current().epoch() + 2;
        demote(epoch - 1);
        promote(epoch);

        JsonNode seen = await("the seat switch of epoch " + epoch).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> agent.get("/api/seats/switch").json(), s -> s != null && s.has("epoch") && s.get("epoch").asLong() == epoch);
        assertThat(seen.get("seats").findValuesAsString("username")).containsExactlyInAnyOrder("agent2", "agent4");
        assertThat(seen.get("withoutSeat")).isEmpty();
        // the failover controller's call for the same epoch finds the switch the promotion made
        Response controller = ops().post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(controller.status()).as(controller.body()).isEqualTo(200);
        assertThat(controller.json()).isEqualTo(seen);
        await("the switch timed once").atMost(Duration.ofSeconds(5))
                .until(() -> meters.timer("hotline.seat.switch").count() == mappedBefore + 1);
        assertThat(switchesStoredFor(epoch)).isEqualTo(1);

        assertThat(as("agent4").get("/api/seats/me").text("state")).isEqualTo("READY");
        assertThat(as("agent2").get("/api/seats/me").text("state")).isEqualTo("BREAK");
    }

    @Test
    void aSecondSwitchForTheSameEpochReturnsTheStoredSwitchNotANewMapping() {
        login("agent1");
        long epoch = nextEpochWithoutAutomaticSwitch();
        Response first = ops().post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("seats").findValuesAsString("username")).containsExactly("agent1");

        // someone logging in after the switch joins it (a free seat is left) instead of causing a new mapping
        login("agent3");
        Response again = ops().post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("switchedAt")).isEqualTo(first.json().get("switchedAt"));
        assertThat(again.json().get("seats").findValuesAsString("username")).containsExactly("agent1", "agent3");
        assertThat(again.json().get("seats").findValues("seat").stream().map(JsonNode::asInt).toList())
                .containsExactly(1, 2);
        assertThat(switchesStoredFor(epoch)).isEqualTo(1);

        Response stale = ops().post("/api/ops/seats/switch?epoch=" + (epoch - 1), "");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.text("type")).isEqualTo(PROBLEMS + "stale-epoch");
        assertThat(agent.post("/api/ops/seats/switch?epoch=" + epoch, "").status()).isEqualTo(403);
    }

    @Test
    void mapsTheLoggedInPeopleToTheSeatsInTheOrderOfTodaysPlan() {
        LocalDate today = roster.today();
        assertThat(lead.put("/api/roster/shifts/" + today + "/DAY", Map.of("usernames", List.of("agent5", "agent2")))
                .status()).isEqualTo(204);
        List.of("agent7", "agent2", "agent6", "agent5", "lead").forEach(this::login);

        // derived plan: today's roster (agent2, agent5), then the rest of the team with the lead first → 3 seats
        JsonNode derived = switchSeats(nextEpochWithoutAutomaticSwitch());
        assertThat(derived.get("planSource").asString()).isEqualTo("ROSTER");
        assertThat(derived.get("planDay").asString()).isEqualTo(today.toString());
        assertThat(derived.get("capacity").asInt()).isEqualTo(3);
        assertThat(derived.get("seats").findValuesAsString("username")).containsExactly("agent2", "agent5", "lead");
        assertThat(derived.get("seats").findValues("seat").stream().map(JsonNode::asInt).toList()).containsExactly(1, 2, 3);
        assertThat(derived.get("seats").get(2).get("displayName").asString())
                .isEqualTo(lead.get("/api/me").text("displayName"));
        assertThat(strings(derived.get("withoutSeat"))).containsExactly("agent6", "agent7");
        assertThat(meters.get("hotline.seat.switch.agents").tag("outcome", "seated").gauge().value()).isEqualTo(3.0);
        assertThat(meters.get("hotline.seat.switch.agents").tag("outcome", "without_seat").gauge().value()).isEqualTo(2.0);

        // the lead's own list wins; agent3 in it is not logged in, so the others follow by roster priority
        assertThat(lead.put("/api/roster/backup-seats?date=" + today, Map.of("usernames", List.of("agent7", "agent3")))
                .status()).isEqualTo(200);
        JsonNode explicit = switchSeats(nextEpochWithoutAutomaticSwitch());
        assertThat(explicit.get("planSource").asString()).isEqualTo("EXPLICIT");
        assertThat(explicit.get("seats").findValuesAsString("username")).containsExactly("agent7", "lead", "agent2");
        assertThat(strings(explicit.get("withoutSeat"))).containsExactly("agent5", "agent6");

        Response latest = as("agent6").get("/api/seats/switch");
        assertThat(latest.status()).as(latest.body()).isEqualTo(200);
        assertThat(latest.json()).isEqualTo(explicit);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.asString()));
        return values;
    }

    private JsonNode switchSeats(long epoch) {
        Response r = ops().post("/api/ops/seats/switch?epoch=" + epoch, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("epoch").asLong()).isEqualTo(epoch);
        assertThat(r.json().get("durationMillis").asLong()).isNotNegative();
        return r.json();
    }

    /** A higher epoch for this ACTIVE site without a STANDBY period between, so only the explicit call switches. */
    private long nextEpochWithoutAutomaticSwitch() {
        long epoch = site.current().epoch() + 1;
        promote(epoch);
        return epoch;
    }

    private void login(String username) {
        assertThat(as(username).post("/api/seats/me/login", "").status()).isEqualTo(200);
    }

    private void demote(long epoch) {
        Response r = ops().post("/api/ops/site/demote", Map.of("epoch", epoch, "activeSite", "b", "reason", "seat switch test"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void promote(long epoch) {
        Response r = ops().post("/api/ops/site/promote", Map.of("epoch", epoch, "reason", "seat switch test"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private long switchesStoredFor(long epoch) {
        return jdbc.sql("select count(*) from seat_switch where epoch = ?").param(epoch).query(Long.class).single();
    }

    private ApiClient ops() {
        return as("ops");
    }
}
