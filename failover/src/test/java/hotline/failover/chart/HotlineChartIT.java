package hotline.failover.chart;

import com.marcnuri.helm.LintResult;
import hotline.failover.chart.RenderedChart.Site;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static hotline.failover.chart.RenderedChart.A;
import static hotline.failover.chart.RenderedChart.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart as the build sees it: strict lint, both sites rendered, parsed and checked structurally. */
class HotlineChartIT {

    private static RenderedChart siteA;
    private static RenderedChart siteB;

    @BeforeAll
    static void render() {
        siteA = RenderedChart.render(A);
        siteB = RenderedChart.render(B);
    }

    @Test
    void lintsStrictlyWithBothSitesValues() throws IOException {
        for (Site site : List.of(A, B)) {
            LintResult lint = RenderedChart.lintStrict(site.valuesFile());
            assertThat(lint.isFailed()).as("strict lint with %s: %s", site.valuesFile(), lint.getMessages()).isFalse();
            assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
        }
    }

    @Test
    void lintWithoutSiteValuesNamesEveryMissingValue() {
        LintResult lint = RenderedChart.lintStrictAsIs();

        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages()))
                .contains("at '/site': missing properties 'id', 'initialRole'")
                .contains("at '/routing': missing properties 'initialActiveSite', 'sipTargets'")
                .contains("at '/lease': missing property 'namespace'")
                .contains("at '/database': missing properties 'jdbcUrl', 'username', 'existingSecret'");
    }

    @Test
    void schemaRejectsAMisspeltKeyNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path misspelt = Files.writeString(dir.resolve("misspelt.yaml"), "app:\n  replicaz: 3\nsite:\n  intialRole: ACTIVE\n");

        assertThatThrownBy(() -> RenderedChart.render("hotline-a", "hotline-a", A.valuesFile(), misspelt))
                .hasMessageContaining("replicaz")
                .hasMessageContaining("intialRole");
    }

    @Test
    void schemaRejectsLatestAndUnknownRoles(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path latest = Files.writeString(dir.resolve("latest.yaml"), "image:\n  tag: latest\n");
        Path role = Files.writeString(dir.resolve("role.yaml"), "site:\n  initialRole: PRIMARY\n");

        assertThatThrownBy(() -> RenderedChart.render("hotline-a", "hotline-a", A.valuesFile(), latest))
                .hasMessageContaining("/image/tag");
        assertThatThrownBy(() -> RenderedChart.render("hotline-a", "hotline-a", A.valuesFile(), role))
                .hasMessageContaining("/site/initialRole")
                .hasMessageContaining("ACTIVE");
    }

    @Test
    void bothSitesRenderTheObjectsTheControllerPatchesUnderTheSameNames() {
        for (RenderedChart site : List.of(siteA, siteB)) {
            assertThat(site.one(V1Service.class, "hotline-active")).isNotNull();
            assertThat(site.one(V1Deployment.class, "hotline-app")).isNotNull();
            assertThat(site.one(V1Deployment.class, "hotline-failover")).isNotNull();
            assertThat(site.one(io.kubernetes.client.openapi.models.V1ConfigMap.class, "hotline-voice-routing")).isNotNull();
        }
        assertThat(names(siteA)).isEqualTo(names(siteB).stream()
                .map(n -> n.replace("hotline-failover-lease-b", "hotline-failover-lease-a")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        assertThat(ControllerConfig.of(siteA).leaseName()).isEqualTo(ControllerConfig.of(siteB).leaseName());
        assertThat(ControllerConfig.of(siteA).leaseNamespace()).isEqualTo(ControllerConfig.of(siteB).leaseNamespace());
    }

    @Test
    void everyPodCarriesTheContractLabels() {
        for (Site site : List.of(A, B)) {
            RenderedChart chart = site == A ? siteA : siteB;
            Map<String, String> app = chart.one(V1Deployment.class, "hotline-app").getSpec().getTemplate().getMetadata().getLabels();
            Map<String, String> controller = chart.one(V1Deployment.class, "hotline-failover").getSpec().getTemplate().getMetadata().getLabels();
            assertThat(app).containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/name", "hotline",
                    "app.kubernetes.io/instance", site.release(), "app.kubernetes.io/component", "app",
                    "hotline-ha.example/site", site.id()));
            assertThat(controller).containsEntry("app.kubernetes.io/component", "failover-controller")
                    .containsEntry("hotline-ha.example/site", site.id())
                    .containsEntry("app.kubernetes.io/instance", site.release());
            for (Object object : chart.objects) {
                assertThat(((KubernetesObject) object).getMetadata().getLabels())
                        .as("labels of %s", ((KubernetesObject) object).getMetadata().getName())
                        .containsEntry("app.kubernetes.io/name", "hotline")
                        .containsEntry("app.kubernetes.io/instance", site.release())
                        .containsEntry("hotline-ha.example/site", site.id());
            }
        }
    }

    @Test
    void activeServiceSelectsTheAppPodsOfTheInitiallyActiveSiteOnBothReleases() {
        for (RenderedChart chart : List.of(siteA, siteB)) {
            assertThat(chart.one(V1Service.class, "hotline-active").getSpec().getSelector())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/name", "hotline",
                            "app.kubernetes.io/component", "app", "hotline-ha.example/site", "a"));
        }
        assertThat(siteB.one(V1Service.class, "hotline-site").getSpec().getSelector())
                .containsEntry("hotline-ha.example/site", "b");
    }

    @Test
    void appProbesFollowTheContractAndAStandbyIsReady() {
        V1Container app = container(siteB.one(V1Deployment.class, "hotline-app").getSpec().getTemplate().getSpec());
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(app.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(app.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8080))
                .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(5701));
        assertThat(env(app)).containsEntry("HOTLINE_SITE_ID", "b")
                .containsEntry("HOTLINE_SITE_INITIALROLE", "STANDBY")
                .containsEntry("HOTLINE_SITE_FENCEONRESTART", "true")
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("HOTLINE_REPLICATION_PEERJDBCURL", "jdbc:postgresql://pg-a.db.hotline-ha.example:5432/hotline")
                .containsEntry("HOTLINE_HAZELCAST_MEMBERS", "hotline-hazelcast.hotline-b.svc:5701,hotline-hazelcast.hotline-a.svc:5701");
        assertThat(app.getEnv()).filteredOn(e -> e.getName().endsWith("PASSWORD"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isNotBlank());
        V1Container controller = container(siteB.one(V1Deployment.class, "hotline-failover").getSpec().getTemplate().getSpec());
        assertThat(controller.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(controller.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void everyContainerHasResourcesAndAPinnedImage() {
        for (RenderedChart chart : List.of(siteA, siteB)) {
            List<V1PodSpec> pods = new ArrayList<>();
            chart.all(V1Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
            chart.all(V1CronJob.class).forEach(c -> pods.add(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
            assertThat(pods).hasSizeGreaterThanOrEqualTo(2);
            for (V1PodSpec pod : pods) {
                for (V1Container c : pod.getContainers()) {
                    assertThat(c.getImage()).as(c.getName()).matches(".+:[\\w.-]+$").doesNotEndWith(":latest");
                    assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
                    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                }
            }
        }
    }

    @Test
    void appHasADisruptionBudgetAndSpreadsOverNodes() {
        V1PodDisruptionBudget pdb = siteA.one(V1PodDisruptionBudget.class, "hotline-app");
        assertThat(pdb.getSpec().getMinAvailable().getIntValue()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "app");
        var antiAffinity = siteA.one(V1Deployment.class, "hotline-app").getSpec().getTemplate().getSpec()
                .getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels()).containsEntry("hotline-ha.example/site", "a");
        });
    }

    @Test
    void controllerRbacGrantsExactlyWhatTheControllerUses() {
        for (Site site : List.of(A, B)) {
            RenderedChart chart = site == A ? siteA : siteB;
            Set<String> grants = new TreeSet<>();
            for (V1Role role : chart.all(V1Role.class)) {
                for (V1PolicyRule rule : role.getRules()) {
                    grants.add(role.getMetadata().getNamespace() == null ? "release-ns" : role.getMetadata().getNamespace());
                    for (String resource : rule.getResources()) {
                        grants.add(String.join("/", rule.getApiGroups()) + ":" + resource + ":"
                                + (rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? "*" : String.join(",", rule.getResourceNames()))
                                + ":" + String.join(",", rule.getVerbs()));
                    }
                }
            }
            assertThat(grants).containsExactlyInAnyOrder(
                    "release-ns", "hotline-witness",
                    ":services:hotline-active:get,patch",
                    ":configmaps:hotline-voice-routing:get,patch",
                    "apps:deployments:hotline-app:get,patch",
                    "coordination.k8s.io:leases:*:create",
                    "coordination.k8s.io:leases:hotline-active-site:get,update");
            assertThat(chart.documents).noneMatch(d -> String.valueOf(d.get("kind")).startsWith("Cluster"));
            for (V1RoleBinding binding : chart.all(V1RoleBinding.class)) {
                assertThat(binding.getSubjects()).allSatisfy(s -> {
                    assertThat(s.getKind()).isEqualTo("ServiceAccount");
                    assertThat(s.getName()).isEqualTo("hotline-failover");
                });
            }
            assertThat(chart.one(V1Deployment.class, "hotline-failover").getSpec().getTemplate().getSpec()
                    .getServiceAccountName()).isEqualTo("hotline-failover");
            chart.find(V1CronJob.class, "hotline-drill").ifPresent(drill -> assertThat(drill.getSpec().getJobTemplate()
                    .getSpec().getTemplate().getSpec().getServiceAccountName())
                    .as("the drill job holds the controller's permissions, none of its own").isEqualTo("hotline-failover"));
        }
    }

    @Test
    void networkPolicyOpensOnlyTheCrossSitePortsThatAreNeeded() {
        V1NetworkPolicy app = siteA.one(V1NetworkPolicy.class, "hotline-app");
        Set<Integer> ingressFromPeer = new TreeSet<>();
        app.getSpec().getIngress().stream()
                .filter(rule -> rule.getFrom().stream().anyMatch(p -> p.getIpBlock() != null
                        && p.getIpBlock().getCidr().equals("10.20.0.0/16")))
                .forEach(rule -> rule.getPorts().stream().map(V1NetworkPolicyPort::getPort)
                        .forEach(port -> ingressFromPeer.add(port.getIntValue())));
        assertThat(ingressFromPeer).containsExactly(5701, 8080);
        Set<Integer> egressToPeer = new TreeSet<>();
        app.getSpec().getEgress().stream()
                .filter(rule -> rule.getTo().stream().anyMatch(p -> p.getIpBlock() != null
                        && p.getIpBlock().getCidr().equals("10.20.0.0/16")))
                .forEach(rule -> rule.getPorts().forEach(p -> egressToPeer.add(p.getPort().getIntValue())));
        assertThat(egressToPeer).containsExactly(5432, 5701, 8080);
        V1NetworkPolicy controller = siteA.one(V1NetworkPolicy.class, "hotline-failover");
        assertThat(controller.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntValue()).containsExactly(8080));
    }

    @Test
    void prometheusRuleCarriesExactlyThePlainAlertRules() throws IOException {
        Map<String, Object> rule = siteA.document("PrometheusRule", "hotline-alerts").orElseThrow();
        Map<String, Object> plain = new org.yaml.snakeyaml.Yaml().load(Files.readString(
                RenderedChart.CHART.resolveSibling("..").normalize().resolve("infra/src/main/monitoring/hotline-alerts.yaml")));

        assertThat(rule.get("spec")).isEqualTo(plain);
        assertThat(siteB.document("PrometheusRule", "hotline-alerts")).as("site B's example leaves rules to site A").isEmpty();
        assertThat(siteA.document("ServiceMonitor", "hotline")).isPresent();
    }

    /**
     * The CronJob's command line is parsed by the real {@code drill} command: it attaches to the installation through
     * the controller's own configuration file, mounted where the argument says, with the controller's passwords.
     */
    @Test
    void drillCronJobRunsTheDrillCommandWithTheControllersViewOfTheInstallation() {
        V1CronJob drill = siteB.one(V1CronJob.class, "hotline-drill");
        V1PodSpec pod = drill.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        V1Container container = container(pod);
        assertThat(drill.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(container.getCommand()).containsExactly("/opt/hotline/hotline", "drill");
        assertThat(container.getImage()).isEqualTo(container(siteB.one(V1Deployment.class, "hotline-app")
                .getSpec().getTemplate().getSpec()).getImage());

        picocli.CommandLine.ParseResult parsed = new picocli.CommandLine(new hotline.failover.drill.DrillCommand())
                .parseArgs(container.getArgs().toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.matchedOptionValue("--kind", List.<String>of())).containsExactly("readiness", "switchover");
        assertThat(parsed.matchedOptionValue("--attach", false)).isTrue();
        assertThat(parsed.matchedOptionValue("--trigger", "")).isEqualTo("SCHEDULE");
        assertThat(parsed.matchedOptionValue("--stable-url", java.net.URI.create("http://unset")))
                .hasToString("https://hotline.water.example");
        java.nio.file.Path config = parsed.matchedOptionValue("--controller-config", java.nio.file.Path.of("unset"));
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(config.toString());
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(m.getName());
                assertThat(v.getConfigMap().getName()).isEqualTo("hotline-failover-config");
            });
        });
        V1Container controller = container(siteB.one(V1Deployment.class, "hotline-failover").getSpec().getTemplate().getSpec());
        assertThat(container.getEnv()).as("the controller's site id and passwords")
                .containsAll(controller.getEnv().stream().filter(e -> e.getName().startsWith("HOTLINE_")).toList());
        assertThat(siteA.find(V1CronJob.class, "hotline-drill")).as("drills start from one site only").isEmpty();
    }

    @Test
    void aDrillJobWithoutTheControllerIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path noController = Files.writeString(dir.resolve("no-controller.yaml"), "failoverController:\n  enabled: false\n");

        assertThatThrownBy(() -> RenderedChart.render("hotline-b", "hotline-b", B.valuesFile(), noController))
                .hasMessageContaining("drill.enabled needs failoverController.enabled");
    }

    private static Set<String> names(RenderedChart chart) {
        Set<String> names = new TreeSet<>();
        chart.documents.forEach(d -> names.add(d.get("kind") + "/" + ((Map<?, ?>) d.get("metadata")).get("name")));
        names.removeIf(n -> n.startsWith("CronJob/") || n.startsWith("PrometheusRule/"));
        return names;
    }

    private static V1Container container(V1PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    private static Map<String, String> env(V1Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (V1EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }
}
