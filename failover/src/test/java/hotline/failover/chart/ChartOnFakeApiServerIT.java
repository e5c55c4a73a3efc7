package hotline.failover.chart;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import hotline.failover.kubernetes.FakeKubernetesApiServer;
import hotline.failover.lease.KubernetesLeaseStore;
import hotline.failover.lease.Lease;
import hotline.failover.routing.KubernetesRoutingSwitch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static hotline.failover.chart.RenderedChart.A;
import static hotline.failover.chart.RenderedChart.B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both sites' rendered manifests created in the CRUD-mode fake API server (the example topology: one
 * cluster, namespaces hotline-a, hotline-b and hotline-witness), then the controller's real Kubernetes
 * lease store and routing switch, configured from the chart's own controller ConfigMap, run against
 * them: the controller patches exactly the objects the chart creates, and the switched Service then
 * selects the other site's app pods.
 */
class ChartOnFakeApiServerIT {

    private FakeKubernetesApiServer apiServer;
    private ApiClient client;
    private RenderedChart siteA;
    private RenderedChart siteB;

    @BeforeEach
    void install() throws Exception {
        apiServer = FakeKubernetesApiServer.start();
        client = apiServer.client();
        siteA = RenderedChart.render(A);
        siteB = RenderedChart.render(B);
        create(siteA, A.namespace());
        create(siteB, B.namespace());
    }

    @AfterEach
    void stop() {
        apiServer.close();
    }

    @Test
    void controllerConfigNamesTheObjectsTheChartCreatesAndMayTouch() {
        for (RenderedChart chart : List.of(siteA, siteB)) {
            ControllerConfig config = ControllerConfig.of(chart);
            assertThat(config.service()).isEqualTo(KubernetesRoutingSwitch.SERVICE);
            assertThat(config.voiceConfigMap()).isEqualTo(KubernetesRoutingSwitch.CONFIG_MAP);
            assertThat(config.leaseName()).isEqualTo(KubernetesLeaseStore.DEFAULT_NAME);
            assertThat(chart.one(V1Deployment.class, config.appDeployment())).isNotNull();
            List<String> permitted = chart.all(V1Role.class).stream().flatMap(r -> r.getRules().stream())
                    .map(V1PolicyRule::getResourceNames).filter(n -> n != null).flatMap(List::stream).toList();
            assertThat(permitted).contains(config.service(), config.voiceConfigMap(), config.leaseName(), config.appDeployment());
        }
    }

    @Test
    void routingSwitchReadsAndSwitchesTheChartsObjectsInBothNamespaces() throws Exception {
        KubernetesRoutingSwitch routing = routingFrom(ControllerConfig.of(siteB));
        assertThat(routing.currentSite()).contains("a");

        routing.routeTo("b");

        assertThat(routing.currentSite()).contains("b");
        Map<String, String> siteBPods = siteB.one(V1Deployment.class, "hotline-app").getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> siteAPods = siteA.one(V1Deployment.class, "hotline-app").getSpec().getTemplate().getMetadata().getLabels();
        CoreV1Api core = new CoreV1Api(client);
        for (String namespace : List.of(A.namespace(), B.namespace())) {
            V1Service active = core.readNamespacedService(KubernetesRoutingSwitch.SERVICE, namespace).execute();
            assertThat(siteBPods).as("site B's app pods match %s/hotline-active", namespace)
                    .containsAllEntriesOf(active.getSpec().getSelector());
            assertThat(siteAPods).as("site A's app pods no longer match %s/hotline-active", namespace)
                    .doesNotContainEntry(KubernetesRoutingSwitch.SITE_SELECTOR, active.getSpec().getSelector()
                            .get(KubernetesRoutingSwitch.SITE_SELECTOR));
            assertThat(active.getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getTargetPort().getStrValue()).isEqualTo("http"));
            V1ConfigMap voice = core.readNamespacedConfigMap(KubernetesRoutingSwitch.CONFIG_MAP, namespace).execute();
            assertThat(voice.getData()).containsEntry("active-site", "b")
                    .containsEntry("targets", "sip:sbc-b1.voice.hotline-ha.example:5060");
        }

        routingFrom(ControllerConfig.of(siteA)).routeTo("a");
        assertThat(routing.currentSite()).as("site A's controller switches back with its own config").contains("a");
    }

    @Test
    void leaseStoreUsesTheLeaseTheChartGrantsInTheSharedNamespace() {
        ControllerConfig configA = ControllerConfig.of(siteA);
        ControllerConfig configB = ControllerConfig.of(siteB);
        KubernetesLeaseStore storeA = new KubernetesLeaseStore(client, configA.leaseNamespace(), configA.leaseName());
        KubernetesLeaseStore storeB = new KubernetesLeaseStore(client, configB.leaseNamespace(), configB.leaseName());
        Instant t0 = Instant.parse("2025-06-01T08:00:00Z");

        Lease heldByA = storeA.compareAndSet(null, new Lease("a", 1, t0, t0, Duration.ofSeconds(10), null)).orElseThrow();
        Lease seenByB = storeB.read().orElseThrow();
        Lease heldByB = storeB.compareAndSet(seenByB, seenByB.takenOverBy("b", t0.plusSeconds(11))).orElseThrow();

        assertThat(seenByB).isEqualTo(heldByA);
        assertThat(heldByB.epoch()).isEqualTo(2);
        assertThat(storeA.compareAndSet(heldByA, heldByA.renewed(t0.plusSeconds(12)))).as("A's late renewal loses").isEmpty();
        assertThat(storeA.read()).contains(heldByB);
    }

    @Test
    void appDeploymentTheControllerScalesIsTheChartsAtBothSites() throws Exception {
        AppsV1Api apps = new AppsV1Api(client);
        assertThat(apps.readNamespacedDeployment("hotline-app", B.namespace()).execute().getSpec().getReplicas()).isEqualTo(1);
        assertThat(apps.readNamespacedDeployment("hotline-app", A.namespace()).execute().getSpec().getReplicas()).isEqualTo(2);
    }

    private KubernetesRoutingSwitch routingFrom(ControllerConfig config) {
        List<KubernetesRoutingSwitch.Target> targets = config.routingTargets().stream()
                .map(t -> new KubernetesRoutingSwitch.Target(String.valueOf(t.get("name")), client, (String) t.get("namespace")))
                .toList();
        return new KubernetesRoutingSwitch(targets, config.sipTargets());
    }

    /** Creates every rendered object (CRDs aside) as it is, in its own namespace or the release's. */
    private void create(RenderedChart chart, String releaseNamespace) throws Exception {
        Gson gson = new Gson();
        for (Map<String, Object> document : chart.documents) {
            String apiVersion = (String) document.get("apiVersion");
            if (apiVersion.startsWith("monitoring.coreos.com/")) {
                continue;
            }
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            String kind = (String) document.get("kind");
            String plural = kind.equals("NetworkPolicy") ? "networkpolicies" : kind.toLowerCase(Locale.ROOT) + "s";
            Object namespace = ((Map<?, ?>) document.get("metadata")).get("namespace");
            JsonObject json = gson.toJsonTree(document).getAsJsonObject();
            new DynamicKubernetesApi(group, version, plural, client)
                    .create(namespace == null ? releaseNamespace : (String) namespace, new DynamicKubernetesObject(json),
                            new io.kubernetes.client.util.generic.options.CreateOptions())
                    .onFailure((code, status) -> {
                        throw new AssertionError("creating " + kind + " failed: " + code + " " + status);
                    });
        }
    }
}
