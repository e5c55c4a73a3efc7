package hotline.failover.routing;

import hotline.failover.kubernetes.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static hotline.failover.routing.KubernetesRoutingSwitch.CONFIG_MAP;
import static hotline.failover.routing.KubernetesRoutingSwitch.SERVICE;
import static hotline.failover.routing.KubernetesRoutingSwitch.SITE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesRoutingSwitchIT {

    private static final Map<String, List<String>> SIP = Map.of(
            "a", List.of("sip:sbc-a1.hotline.example:5060", "sip:sbc-a2.hotline.example:5060"),
            "b", List.of("sip:sbc-b1.hotline.example:5060"));

    private FakeKubernetesApiServer clusterA;
    private FakeKubernetesApiServer clusterB;

    @BeforeEach
    void start() throws Exception {
        clusterA = FakeKubernetesApiServer.start();
        clusterB = FakeKubernetesApiServer.start();
        createRoutingObjects(clusterA.client(), "hotline-a", "a");
        createRoutingObjects(clusterB.client(), "hotline-b", "a");
    }

    @AfterEach
    void stop() {
        clusterA.close();
        clusterB.close();
    }

    @Test
    void readsTheSiteTheObjectsPointAt() {
        assertThat(switchOver(target("a", clusterA, "hotline-a")).currentSite()).contains("a");
    }

    @Test
    void routesServiceSelectorAndVoiceTargetsToTheSite() throws Exception {
        KubernetesRoutingSwitch routing = switchOver(target("a", clusterA, "hotline-a"));

        routing.routeTo("b");

        assertThat(routing.currentSite()).contains("b");
        CoreV1Api core = new CoreV1Api(clusterA.client());
        V1Service service = core.readNamespacedService(SERVICE, "hotline-a").execute();
        assertThat(service.getSpec().getSelector())
                .containsEntry(SITE_SELECTOR, "b")
                .containsEntry("app.kubernetes.io/component", "app");
        V1ConfigMap voice = core.readNamespacedConfigMap(CONFIG_MAP, "hotline-a").execute();
        assertThat(voice.getData())
                .containsEntry("active-site", "b")
                .containsEntry("targets", "sip:sbc-b1.hotline.example:5060")
                .containsEntry("note", "kept by the switch");
    }

    @Test
    void switchingAgainToTheSameSiteChangesNothing() throws Exception {
        KubernetesRoutingSwitch routing = switchOver(target("a", clusterA, "hotline-a"));
        routing.routeTo("b");
        CoreV1Api core = new CoreV1Api(clusterA.client());
        String serviceVersion = core.readNamespacedService(SERVICE, "hotline-a").execute().getMetadata().getResourceVersion();
        String mapVersion = core.readNamespacedConfigMap(CONFIG_MAP, "hotline-a").execute().getMetadata().getResourceVersion();

        routing.routeTo("b");
        routing.routeTo("b");

        assertThat(routing.currentSite()).contains("b");
        assertThat(core.readNamespacedService(SERVICE, "hotline-a").execute().getMetadata().getResourceVersion())
                .isEqualTo(serviceVersion);
        assertThat(core.readNamespacedConfigMap(CONFIG_MAP, "hotline-a").execute().getMetadata().getResourceVersion())
                .isEqualTo(mapVersion);
    }

    @Test
    void switchesEveryClusterWhenEachSiteIsItsOwnCluster() {
        KubernetesRoutingSwitch routing = switchOver(
                target("a", clusterA, "hotline-a"), target("b", clusterB, "hotline-b"));

        routing.routeTo("b");

        assertThat(routing.observe()).allSatisfy(view -> assertThat(view.site()).contains("b"));
        assertThat(routing.currentSite()).contains("b");
    }

    @Test
    void switchesTheSurvivingClusterAndReportsTheDeadOne() {
        KubernetesRoutingSwitch routing = switchOver(
                target("a", clusterA, "hotline-a"), target("b", clusterB, "hotline-b"));
        clusterA.stop();

        assertThatThrownBy(() -> routing.routeTo("b"))
                .isInstanceOf(RoutingUnavailableException.class)
                .hasMessageContaining("switched [b]")
                .hasMessageContaining("a (hotline-a at " + clusterA.url() + "): no answer");
        assertThat(new KubernetesRoutingSwitch(List.of(target("b", clusterB, "hotline-b")), SIP).currentSite())
                .contains("b");
        assertThat(routing.currentSite()).as("the reachable cluster decides").contains("b");
    }

    @Test
    void readsNotSetWhileTheObjectsDisagree() {
        KubernetesRoutingSwitch onlyB = switchOver(target("b", clusterB, "hotline-b"));
        onlyB.routeTo("b");

        KubernetesRoutingSwitch both = switchOver(target("a", clusterA, "hotline-a"), target("b", clusterB, "hotline-b"));

        assertThat(both.currentSite()).isEmpty();
        both.routeTo("b");
        assertThat(both.currentSite()).contains("b");
    }

    @Test
    void failsAsUnavailableWhenTheApiServerIsDown() {
        KubernetesRoutingSwitch routing = switchOver(target("a", clusterA, "hotline-a"));
        clusterA.stop();

        assertThatThrownBy(routing::currentSite)
                .isInstanceOf(RoutingUnavailableException.class)
                .hasMessageContaining("no routing target answered");
        assertThatThrownBy(() -> routing.routeTo("b"))
                .isInstanceOf(RoutingUnavailableException.class)
                .hasMessageContaining("routing to site b is incomplete");
    }

    @Test
    void saysWhenTheChartIsNotInstalled() {
        KubernetesRoutingSwitch routing = switchOver(target("a", clusterA, "elsewhere"));

        assertThatThrownBy(() -> routing.routeTo("b"))
                .isInstanceOf(RoutingUnavailableException.class)
                .hasMessageContaining("not found (is the hotline chart installed there?)");
    }

    @Test
    void refusesASiteWithoutVoiceTargets() {
        KubernetesRoutingSwitch routing = switchOver(target("a", clusterA, "hotline-a"));

        assertThatThrownBy(() -> routing.routeTo("c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SIP targets configured for site 'c' (known sites: [a, b])");
    }

    @Test
    void reportsEveryConfigurationProblemAtOnce() {
        assertThatThrownBy(() -> new KubernetesRoutingSwitch(List.of(target("a", clusterA, "hotline-a")),
                Map.of("Site-A", List.of("sip:x"), "b", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site id 'Site-A' must be")
                .hasMessageContaining("site b has no SIP targets");
    }

    private static KubernetesRoutingSwitch switchOver(KubernetesRoutingSwitch.Target... targets) {
        return new KubernetesRoutingSwitch(List.of(targets), SIP);
    }

    private static KubernetesRoutingSwitch.Target target(String name, FakeKubernetesApiServer server, String namespace) {
        return new KubernetesRoutingSwitch.Target(name, server.client(), namespace);
    }

    /** What the chart creates, reduced to what the switch touches (the chart test uses the real chart). */
    static void createRoutingObjects(ApiClient client, String namespace, String site) throws Exception {
        CoreV1Api core = new CoreV1Api(client);
        core.createNamespacedService(namespace, new V1Service().apiVersion("v1").kind("Service")
                .metadata(new V1ObjectMeta().name(SERVICE).namespace(namespace))
                .spec(new V1ServiceSpec()
                        .selector(Map.of("app.kubernetes.io/name", "hotline", "app.kubernetes.io/component", "app",
                                SITE_SELECTOR, site))
                        .ports(List.of(new V1ServicePort().name("http").port(80))))).execute();
        core.createNamespacedConfigMap(namespace, new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                .metadata(new V1ObjectMeta().name(CONFIG_MAP).namespace(namespace))
                .data(Map.of("active-site", site, "targets", String.join("\n", SIP.get(site)),
                        "note", "kept by the switch"))).execute();
    }
}
