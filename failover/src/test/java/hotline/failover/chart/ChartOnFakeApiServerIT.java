package hotline.failover.chart;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import hotline.failover.kubernetes.FakeKubernetesApiServer;
import hotline.failover.lease.KubernetesLeaseStore;
import hotline.failover.lease.Lease;
import hotline.failover.routing.KubernetesRoutingSwitch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import hotline.failover.capacity.CapacityKeeper;
import hotline.failover.capacity.CapacityPlan;
import hotline.failover.capacity.KubernetesAppScaler;
import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteObservation;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import io.micrometer.core.instrument.MeterRegistry;
import hotline.failover.controller.ControllerApplication;
import hotline.failover.controller.FailoverController;
import hotline.failover.decision.LeaseReading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Locale;
import java.util.Map;

import static hotline.failover.chart.RenderedChart.A;
import static hotline.failover.chart.RenderedChart.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void controllerKeepsTheChartsAppDeploymentAtItsRolesSize() {
        ControllerConfig config = ControllerConfig.of(siteB);
        AtomicReference<SiteObservation> siteB = new AtomicReference<>(SiteObservation.standby("b", 1, CdcState.STREAMING, 0.1, 1));
        CapacityKeeper keeper = keeperFrom(config, client, siteB);
        KubernetesAppScaler deployment = scalerFrom(config, client);
        assertThat(deployment.replicas()).as("site B installs warm, at app.replicas").isEqualTo(1);
        assertThat(keeper.reconcileOnce()).isEqualTo(CapacityKeeper.Outcome.ALREADY_MATCHING);

        siteB.set(SiteObservation.active("b", 2));
        assertThat(keeper.reconcileOnce()).isEqualTo(CapacityKeeper.Outcome.SCALED);
        assertThat(deployment.replicas()).as("promoted: failoverController.promotedReplicas").isEqualTo(3);
        assertThat(keeper.reconcileOnce()).isEqualTo(CapacityKeeper.Outcome.ALREADY_MATCHING);

        siteB.set(SiteObservation.unreachable("b"));
        assertThat(keeper.reconcileOnce()).as("a site that does not answer is not resized").isEqualTo(CapacityKeeper.Outcome.LEFT_AS_IS);

        siteB.set(SiteObservation.standby("b", 3, CdcState.STREAMING, 0.1, 1));
        assertThat(keeper.reconcileOnce()).isEqualTo(CapacityKeeper.Outcome.SCALED);
        assertThat(deployment.replicas()).as("demoted: back to the warm size").isEqualTo(1);
        assertThat(scalerFrom(ControllerConfig.of(siteA), client).replicas()).as("site A untouched").isEqualTo(2);
    }

    /**
     * The real controller application, configured by nothing but the chart's rendered ConfigMap (plus kubeconfig
     * paths to this fake API server, where a pod would use its ServiceAccount): it binds every key, starts its loop
     * and its capacity keeper, and reads the chart's Lease namespace through the official client. The site apps and
     * the witness do not exist here, so it only holds; what it proves is the wiring from chart to running controller.
     */
    @Test
    void controllerApplicationRunsOnTheChartsConfigMapAgainstTheApiServer(@TempDir Path dir) throws Exception {
        Path config = controllerConfigFile(dir, siteB);

        try (ConfigurableApplicationContext controller = new SpringApplicationBuilder(ControllerApplication.class)
                .properties(Map.of("spring.config.name", "controller"))
                .run("--spring.config.additional-location=file:" + config, "--server.port=0",
                        "--hotline.failover.request-timeout=1s", "--management.metrics.tags.site=b")) {
            FailoverController loop = controller.getBean(FailoverController.class);
            assertThat(loop.site()).isEqualTo("b");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(loop.snapshot()).hasValueSatisfying(
                    s -> assertThat(s.view().lease()).as("the Lease namespace answered (no lease yet)")
                            .isInstanceOf(LeaseReading.NoneStored.class)));
            assertThat(controller.getBean(MeterRegistry.class).get("hotline.failover.app.replicas.desired").gauge())
                    .as("the capacity keeper runs").isNotNull();
        }
    }

    /**
     * {@code kubectl exec deploy/hotline-failover -- hotline ctl status} and the drill job: {@code ctl} with the
     * controller's configuration file reads the chart's Lease and routing objects, as that controller would.
     */
    @Test
    void ctlWithTheControllersConfigReadsTheChartsLeaseAndRouting(@TempDir Path dir) throws Exception {
        Path config = controllerConfigFile(dir, siteB);
        ControllerConfig b = ControllerConfig.of(siteB);
        Instant now = Instant.now();
        new KubernetesLeaseStore(client, b.leaseNamespace(), b.leaseName())
                .compareAndSet(null, new Lease("a", 4, now, now, Duration.ofSeconds(10), null)).orElseThrow();
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine ctl = hotline.failover.cli.Ctl.commandLine();
        ctl.setOut(new java.io.PrintWriter(out, true));
        ctl.setErr(new java.io.PrintWriter(out, true));

        int exit = ctl.execute("status", "--controller-config=" + config, "--timeout=1");

        assertThat(out.toString())
                .contains("lease:     site a at epoch 4")
                .contains("routing:   every channel goes to site a (Kubernetes Service hotline-active")
                .contains("witness:   UNREACHABLE")
                .contains("http://hotline-site.hotline-a.svc:80 ").contains("http://hotline-site.hotline-b.svc:80 ");
        assertThat(exit).as("the sites' apps do not exist here").isEqualTo(hotline.failover.cli.Ctl.UNREACHABLE);
    }

    /** Site's rendered failover.yaml with its Kubernetes clients pointed at this fake API server, as a file. */
    private Path controllerConfigFile(Path dir, RenderedChart chart) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: fake, cluster: {server: "%s"}}]
                users: [{name: controller, user: {}}]
                contexts: [{name: fake, context: {cluster: fake, user: controller}}]
                current-context: fake
                """.formatted(apiServer.url()));
        Path config = dir.resolve("failover.yaml");
        Files.writeString(config, withKubeconfig(chart.one(V1ConfigMap.class, "hotline-failover-config")
                .getData().get("failover.yaml"), kubeconfig));
        return config;
    }

    /** The rendered controller config with every Kubernetes client pointed at a kubeconfig file. */
    @SuppressWarnings("unchecked")
    private static String withKubeconfig(String failoverYaml, Path kubeconfig) {
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml();
        Map<String, Object> root = yaml.load(failoverYaml);
        Map<String, Object> failover = (Map<String, Object>) ((Map<String, Object>) root.get("hotline")).get("failover");
        ((Map<String, Object>) failover.get("lease")).put("kubeconfig", kubeconfig.toString());
        Map<String, Object> kubernetes = (Map<String, Object>) failover.get("kubernetes");
        for (Map<String, Object> target : (List<Map<String, Object>>) ((Map<String, Object>) kubernetes.get("routing")).get("targets")) {
            target.put("kubeconfig", kubeconfig.toString());
        }
        return yaml.dump(root);
    }

    /**
     * Least privilege, proven rather than reviewed: each controller's lease, routing and scaling code runs its whole
     * repertoire against the chart's objects through a client that records every request; each request must be
     * granted by a Role the rendered charts bind to that controller's ServiceAccount, and each verb on each object
     * those Roles grant must have been used by some request.
     */
    @Test
    void everyRequestTheControllersMakeIsGrantedByTheChartsRolesAndEveryGrantIsUsed() throws Exception {
        Authorization rbac = new Authorization(List.of(new Release(siteA, A.namespace()), new Release(siteB, B.namespace())));
        for (RenderedChart chart : List.of(siteA, siteB)) {
            ControllerConfig config = ControllerConfig.of(chart);
            String serviceAccountNamespace = config.ownTarget().namespace();
            List<ApiRequest> requests = new ArrayList<>();
            ApiClient recording = recording(apiServer.client(), requests);
            deleteLeaseIfAny(config);
            scalerFrom(config, client).scaleTo(5);   // someone ran kubectl scale

            // the lease: none yet, created, renewed by compare-and-set
            KubernetesLeaseStore leases = new KubernetesLeaseStore(recording, config.leaseNamespace(), config.leaseName());
            Instant now = Instant.parse("2025-06-01T08:00:00Z");
            assertThat(leases.read()).isEmpty();
            Lease created = leases.compareAndSet(null, new Lease(config.site(), 1, now, now, Duration.ofSeconds(10), null))
                    .orElseThrow();
            assertThat(leases.compareAndSet(created, created.renewed(now.plusSeconds(2)))).isPresent();
            // routing: read, switched away and back in both sites' namespaces
            KubernetesRoutingSwitch routing = routingFrom(config, recording);
            String other = config.properties().peerSite();
            routing.routeTo(other);
            routing.routeTo(config.site());
            assertThat(routing.currentSite()).contains(config.site());
            // capacity: a manual scale to 5 is brought back to the role's size
            assertThat(keeperFrom(config, recording, new AtomicReference<>(SiteObservation.active(config.site(), 1)))
                    .reconcileOnce()).isEqualTo(CapacityKeeper.Outcome.SCALED);

            String subject = "system:serviceaccount:" + serviceAccountNamespace + ":hotline-failover";
            assertThat(requests).as("requests of %s", subject).isNotEmpty()
                    .allSatisfy(r -> assertThat(rbac.allows(serviceAccountNamespace, r))
                            .as("%s may %s", subject, r).isTrue());
            assertThat(rbac.grants(serviceAccountNamespace))
                    .as("every grant to %s is used by its controller", subject)
                    .allSatisfy(grant -> assertThat(requests).as("a request uses %s", grant).anyMatch(grant::covers));
        }
    }

    /** Each controller's run starts with no lease, so that it also creates one (the fake server answers 404 as an error). */
    private void deleteLeaseIfAny(ControllerConfig config) throws ApiException {
        var leases = new io.kubernetes.client.openapi.apis.CoordinationV1Api(client);
        try {
            leases.deleteNamespacedLease(config.leaseName(), config.leaseNamespace()).execute();
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private KubernetesRoutingSwitch routingFrom(ControllerConfig config) {
        return routingFrom(config, client);
    }

    private static KubernetesRoutingSwitch routingFrom(ControllerConfig config, ApiClient api) {
        List<KubernetesRoutingSwitch.Target> targets = config.routingTargets().stream()
                .map(t -> new KubernetesRoutingSwitch.Target(t.name(), api, t.namespace()))
                .toList();
        return new KubernetesRoutingSwitch(targets, config.sipTargets());
    }

    private static KubernetesAppScaler scalerFrom(ControllerConfig config, ApiClient api) {
        return new KubernetesAppScaler(api, config.ownTarget().namespace(), config.appDeployment());
    }

    private static CapacityKeeper keeperFrom(ControllerConfig config, ApiClient api, AtomicReference<SiteObservation> local) {
        var k = config.properties().kubernetes();
        return new CapacityKeeper(config.site(), new CapacityPlan(k.promotedReplicas(), k.standbyReplicas()),
                scalerFrom(config, api), () -> Optional.of(local.get()), k.capacityCheckInterval(), new SimpleMeterRegistry());
    }

    /** The same API server through a client that records each request as an RBAC attribute set. */
    private static ApiClient recording(ApiClient api, List<ApiRequest> into) {
        api.setHttpClient(api.getHttpClient().newBuilder().addInterceptor(chain -> {
            into.add(ApiRequest.of(chain.request().method(), chain.request().url().encodedPath()));
            return chain.proceed(chain.request());
        }).build());
        return api;
    }

    /** A request as RBAC sees it; {@code name} is null for create and list. */
    record ApiRequest(String verb, String group, String resource, String namespace, String name) {
        static ApiRequest of(String method, String path) {
            List<String> parts = List.of(path.substring(1).split("/"));
            int at = parts.get(0).equals("api") ? 2 : 3;   // /api/v1/… or /apis/<group>/<version>/…
            String group = parts.get(0).equals("api") ? "" : parts.get(1);
            if (!parts.get(at).equals("namespaces")) {
                throw new AssertionError("the controller made a cluster-scoped request: " + method + " " + path);
            }
            String name = parts.size() > at + 3 ? parts.get(at + 3) : null;
            String verb = switch (method) {
                case "GET" -> name == null ? "list" : "get";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> throw new AssertionError("unexpected method " + method);
            };
            if (parts.size() > at + 4) {
                throw new AssertionError("the controller used a subresource: " + method + " " + path);
            }
            return new ApiRequest(verb, group, parts.get(at + 2), parts.get(at + 1), name);
        }
    }

    /** One verb on one resource (one name, or any when the rule names none) in one namespace. */
    record Grant(String namespace, String group, String resource, String name, String verb) {
        boolean covers(ApiRequest r) {
            return namespace.equals(r.namespace()) && group.equals(r.group()) && resource.equals(r.resource())
                    && verb.equals(r.verb()) && (name == null || name.equals(r.name()));
        }
    }

    record Release(RenderedChart chart, String namespace) {
    }

    /** Roles and RoleBindings of the rendered releases, evaluated the way the API server's RBAC authorizer does. */
    static final class Authorization {
        private final List<Release> releases;

        Authorization(List<Release> releases) {
            this.releases = releases;
        }

        /** What the Roles bound to ServiceAccount hotline-failover of {@code serviceAccountNamespace} grant. */
        List<Grant> grants(String serviceAccountNamespace) {
            List<Grant> grants = new ArrayList<>();
            for (Release release : releases) {
                for (V1RoleBinding binding : release.chart().all(V1RoleBinding.class)) {
                    String namespace = namespaceOf(binding.getMetadata().getNamespace(), release);
                    boolean bound = binding.getSubjects().stream().anyMatch(s -> s.getKind().equals("ServiceAccount")
                            && s.getName().equals("hotline-failover") && serviceAccountNamespace.equals(s.getNamespace()));
                    if (!bound) {
                        continue;
                    }
                    assertThat(binding.getRoleRef().getKind()).as("no ClusterRole is bound").isEqualTo("Role");
                    V1Role role = release.chart().all(V1Role.class).stream()
                            .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName()))
                            .filter(r -> namespaceOf(r.getMetadata().getNamespace(), release).equals(namespace))
                            .findFirst().orElseThrow(() -> new AssertionError("RoleBinding " + binding.getMetadata().getName()
                                    + " refers to a Role the chart does not create"));
                    for (V1PolicyRule rule : role.getRules()) {
                        List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                                ? java.util.Collections.singletonList(null) : rule.getResourceNames();
                        for (String group : rule.getApiGroups()) {
                            for (String resource : rule.getResources()) {
                                for (String verb : rule.getVerbs()) {
                                    for (String name : names) {
                                        grants.add(new Grant(namespace, group, resource, name, verb));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return grants;
        }

        boolean allows(String serviceAccountNamespace, ApiRequest request) {
            return grants(serviceAccountNamespace).stream().anyMatch(g -> g.covers(request));
        }

        private static String namespaceOf(String declared, Release release) {
            return declared == null ? release.namespace() : declared;
        }
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
