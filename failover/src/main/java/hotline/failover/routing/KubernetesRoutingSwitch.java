package hotline.failover.routing;

import hotline.failover.kubernetes.KubernetesClients;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.PatchUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Switches the Kubernetes objects that carry traffic, in every configured {@link Target} (a namespace
 * reached through one API client):
 * <ol>
 *   <li>the Service {@value #SERVICE}: its selector key {@value #SITE_SELECTOR} is set to the site id, so
 *       the agents' stable URL and the 12345 platform's callbacks (both enter through this Service) reach
 *       only the pods of that site;</li>
 *   <li>the ConfigMap {@value #CONFIG_MAP}: {@value #KEY_ACTIVE_SITE} = the site id and
 *       {@value #KEY_TARGETS} = that site's SIP URIs, one per line, which the voice border controller reads.</li>
 * </ol>
 * Both are JSON merge patches carrying {@code apiVersion} and {@code kind}; an object already pointing at
 * the site is not patched again, so {@link #routeTo} is idempotent and cheap to repeat every cycle.
 *
 * <p>One cluster per site: configure one target per cluster (this site's in-cluster client plus a
 * kubeconfig for the peer's). {@link #routeTo} patches every target it can reach and then reports the
 * ones it could not, so a dead site's cluster does not stop the switch at the surviving one; the caller
 * repeats {@code routeTo} until it succeeds, which brings a returning cluster in line. {@link #currentSite}
 * answers from the reachable targets and is empty unless all of them agree (a half-done switch reads as
 * "not set", which makes the controller switch again). The chart's Service and ConfigMap exist in both
 * clusters; in each one only the local pods can match the selector, so at the standby site the
 * {@value #SERVICE} Service has no endpoints and the global entry (DNS/GSLB health check) sends traffic
 * to the active site's cluster.
 */
public final class KubernetesRoutingSwitch implements RoutingSwitch {

    public static final String SERVICE = "hotline-active";
    public static final String CONFIG_MAP = "hotline-voice-routing";
    public static final String SITE_SELECTOR = "hotline-ha.example/site";
    public static final String KEY_ACTIVE_SITE = "active-site";
    public static final String KEY_TARGETS = "targets";

    private static final Pattern SITE_ID = Pattern.compile("[a-z][a-z0-9]{0,7}");

    /** One namespace in one cluster that holds the routing objects. */
    public record Target(String name, ApiClient client, String namespace) {
        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(namespace, "namespace");
        }

        @Override
        public String toString() {
            return name + " (" + namespace + " at " + client.getBasePath() + ")";
        }
    }

    /** What one target's objects say; {@code problem} is set when they could not be read. */
    public record TargetView(Target target, Optional<String> serviceSite, Optional<String> voiceSite,
                             List<String> voiceTargets, Optional<String> problem) {
        /** Both objects name the same site. */
        public Optional<String> site() {
            return serviceSite.isPresent() && serviceSite.equals(voiceSite) ? serviceSite : Optional.empty();
        }
    }

    private final List<Target> targets;
    private final Map<String, List<String>> sipTargetsBySite;

    /**
     * @param targets          where the routing objects live: at least one
     * @param sipTargetsBySite the voice border controller's SIP targets of each site, e.g.
     *                         {@code a → [sip:sbc-a1.example:5060]}; routeTo refuses a site not listed here
     */
    public KubernetesRoutingSwitch(List<Target> targets, Map<String, List<String>> sipTargetsBySite) {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("the routing switch needs at least one Kubernetes target");
        }
        List<String> problems = new ArrayList<>();
        sipTargetsBySite.forEach((site, uris) -> {
            if (!SITE_ID.matcher(site).matches()) {
                problems.add("site id '" + site + "' must be 1-8 lowercase letters or digits, starting with a letter");
            }
            if (uris == null || uris.isEmpty()) {
                problems.add("site " + site + " has no SIP targets");
            }
        });
        if (sipTargetsBySite.isEmpty()) {
            problems.add("no site has SIP targets configured");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid routing configuration: " + String.join("; ", problems));
        }
        this.targets = List.copyOf(targets);
        this.sipTargetsBySite = Map.copyOf(sipTargetsBySite);
    }

    @Override
    public Optional<String> currentSite() {
        List<TargetView> views = observe();
        List<TargetView> reachable = views.stream().filter(v -> v.problem().isEmpty()).toList();
        if (reachable.isEmpty()) {
            throw new RoutingUnavailableException("no routing target answered: " + problems(views));
        }
        Optional<String> first = reachable.get(0).site();
        boolean allAgree = reachable.stream().allMatch(v -> v.site().equals(first));
        return allAgree ? first : Optional.empty();
    }

    /** What every target says now, for {@code ctl status}; unreachable targets carry their problem. */
    public List<TargetView> observe() {
        List<TargetView> views = new ArrayList<>();
        for (Target target : targets) {
            try {
                CoreV1Api core = new CoreV1Api(target.client());
                V1Service service = core.readNamespacedService(SERVICE, target.namespace()).execute();
                V1ConfigMap configMap = core.readNamespacedConfigMap(CONFIG_MAP, target.namespace()).execute();
                Map<String, String> selector = service.getSpec() == null || service.getSpec().getSelector() == null
                        ? Map.of() : service.getSpec().getSelector();
                Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
                views.add(new TargetView(target, Optional.ofNullable(selector.get(SITE_SELECTOR)),
                        Optional.ofNullable(data.get(KEY_ACTIVE_SITE)), lines(data.get(KEY_TARGETS)), Optional.empty()));
            } catch (ApiException e) {
                views.add(new TargetView(target, Optional.empty(), Optional.empty(), List.of(),
                        Optional.of(explain(target, e))));
            }
        }
        return views;
    }

    @Override
    public void routeTo(String site) {
        List<String> sipTargets = sipTargetsBySite.get(site);
        if (sipTargets == null) {
            throw new IllegalArgumentException("no SIP targets configured for site '" + site + "' (known sites: "
                    + sipTargetsBySite.keySet().stream().sorted().toList() + ")");
        }
        List<String> switched = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Target target : targets) {
            try {
                routeTarget(target, site, sipTargets);
                switched.add(target.name());
            } catch (ApiException e) {
                failed.add(explain(target, e));
            }
        }
        if (!failed.isEmpty()) {
            throw new RoutingUnavailableException("routing to site " + site + " is incomplete: switched "
                    + switched + ", failed " + failed + "; calling routeTo again finishes the switch");
        }
    }

    private void routeTarget(Target target, String site, List<String> sipTargets) throws ApiException {
        CoreV1Api core = new CoreV1Api(target.client());
        String ns = target.namespace();
        V1Service service = core.readNamespacedService(SERVICE, ns).execute();
        Map<String, String> selector = service.getSpec() == null || service.getSpec().getSelector() == null
                ? Map.of() : service.getSpec().getSelector();
        if (!site.equals(selector.get(SITE_SELECTOR))) {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("apiVersion", "v1");
            patch.put("kind", "Service");
            patch.put("spec", Map.of("selector", Map.of(SITE_SELECTOR, site)));
            mergePatch(target, V1Service.class,
                    () -> core.patchNamespacedService(SERVICE, ns, new V1Patch(json(target, patch))).buildCall(null));
        }
        V1ConfigMap configMap = core.readNamespacedConfigMap(CONFIG_MAP, ns).execute();
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        String targetsText = String.join("\n", sipTargets);
        if (!site.equals(data.get(KEY_ACTIVE_SITE)) || !targetsText.equals(data.get(KEY_TARGETS))) {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("apiVersion", "v1");
            patch.put("kind", "ConfigMap");
            patch.put("data", Map.of(KEY_ACTIVE_SITE, site, KEY_TARGETS, targetsText));
            mergePatch(target, V1ConfigMap.class,
                    () -> core.patchNamespacedConfigMap(CONFIG_MAP, ns, new V1Patch(json(target, patch))).buildCall(null));
        }
    }

    private static <T> void mergePatch(Target target, Class<T> type, PatchUtils.PatchCallFunc call) throws ApiException {
        PatchUtils.patch(type, call, V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, target.client());
    }

    private static String json(Target target, Map<String, Object> body) {
        return target.client().getJSON().serialize(body);
    }

    private static String explain(Target target, ApiException e) {
        String what = e.getCode() == 404
                ? "Service " + SERVICE + " or ConfigMap " + CONFIG_MAP + " not found (is the hotline chart installed there?)"
                : KubernetesClients.describe(e);
        return target + ": " + what;
    }

    private static String problems(List<TargetView> views) {
        return String.join("; ", views.stream().map(v -> v.problem().orElse(v.target() + ": ok")).toList());
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\R"));
    }

    @Override
    public String describe() {
        return "Kubernetes Service " + SERVICE + " (selector " + SITE_SELECTOR + ") and ConfigMap " + CONFIG_MAP
                + " in " + targets;
    }
}
