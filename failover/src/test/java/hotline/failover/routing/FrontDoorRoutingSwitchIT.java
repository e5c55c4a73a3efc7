package hotline.failover.routing;

import hotline.infra.frontdoor.FrontDoor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real front door from infra (Spring Cloud Gateway, control API on loopback). */
class FrontDoorRoutingSwitchIT {

    private static final URI SITE_A = URI.create("http://localhost:18081");
    private static final URI SITE_B = URI.create("http://localhost:18082");

    private static FrontDoor frontDoor;
    private FrontDoorRoutingSwitch routing;

    @BeforeAll
    static void start() {
        frontDoor = FrontDoor.start(0, SITE_A);
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
    }

    @BeforeEach
    void forwardToSiteA() {
        frontDoor.upstream().switchTo(SITE_A);
        routing = new FrontDoorRoutingSwitch(URI.create("http://127.0.0.1:" + frontDoor.managementPort()),
                Map.of("a", SITE_A, "b", SITE_B), Duration.ofSeconds(2));
    }

    @Test
    void readsTheSiteTheFrontDoorForwardsTo() {
        assertThat(routing.currentSite()).contains("a");
    }

    @Test
    void switchesTheFrontDoorToTheOtherSite() {
        routing.routeTo("b");

        assertThat(frontDoor.upstream().current()).isEqualTo(SITE_B);
        assertThat(routing.currentSite()).contains("b");
    }

    @Test
    void repeatingTheSwitchChangesNothing() {
        routing.routeTo("b");
        routing.routeTo("b");

        assertThat(routing.currentSite()).contains("b");
    }

    @Test
    void anUpstreamOfNoKnownSiteReadsAsNoSite() {
        frontDoor.upstream().switchTo(URI.create("http://localhost:19999"));

        assertThat(routing.currentSite()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesASiteWithoutAConfiguredUpstream() {
        assertThatThrownBy(() -> routing.routeTo("c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no upstream configured for site c");
    }

    @Test
    void reportsAFrontDoorThatDoesNotAnswerAsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        FrontDoorRoutingSwitch down = new FrontDoorRoutingSwitch(URI.create("http://127.0.0.1:" + closedPort),
                Map.of("a", SITE_A), Duration.ofSeconds(1));

        assertThatThrownBy(down::currentSite).isInstanceOf(RoutingUnavailableException.class);
        assertThatThrownBy(() -> down.routeTo("a")).isInstanceOf(RoutingUnavailableException.class);
    }
}
