package hotline.failover.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.PatchUtils;

import hotline.failover.kubernetes.KubernetesClients;

/**
 * Reads and sets {@code spec.replicas} of this site's app Deployment. A JSON merge patch of the Deployment itself, not
 * the {@code /scale} subresource, so the chart's Role needs only {@code get} and {@code patch} on that one Deployment
 * (and the fake API server of the tests, whose {@code /scale} is broken, runs the same code).
 */
public final class KubernetesAppScaler {

    private final ApiClient client;
    private final String namespace;
    private final String deployment;

    public KubernetesAppScaler(ApiClient client, String namespace, String deployment) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    /** The Deployment's desired replica count ({@code spec.replicas}; Kubernetes' default 1 when unset). */
    public int replicas() {
        try {
            V1Deployment d = new AppsV1Api(client).readNamespacedDeployment(deployment, namespace).execute();
            Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
            return replicas == null ? 1 : replicas;
        } catch (ApiException e) {
            throw new ScalingUnavailableException("cannot read " + describe() + ": " + explain(e), e);
        }
    }

    /** Sets {@code spec.replicas}; Kubernetes then starts or stops pods (a rolling update is not involved). */
    public void scaleTo(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("a site keeps at least one app replica, asked for " + replicas);
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("apiVersion", "apps/v1");
        patch.put("kind", "Deployment");
        patch.put("spec", Map.of("replicas", replicas));
        String body = client.getJSON().serialize(patch);
        try {
            PatchUtils.patch(V1Deployment.class,
                    () -> new AppsV1Api(client).patchNamespacedDeployment(deployment, namespace, new V1Patch(body))
                            .buildCall(null),
                    V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        } catch (ApiException e) {
            throw new ScalingUnavailableException("cannot scale " + describe() + " to " + replicas + ": " + explain(e), e);
        }
    }

    private String explain(ApiException e) {
        return e.getCode() == 404 ? "not found (is the hotline chart installed in " + namespace + "?)"
                : KubernetesClients.describe(e);
    }

    public String describe() {
        return "Deployment " + namespace + "/" + deployment + " at " + client.getBasePath();
    }
}
