package hotline.failover.chart;

import io.kubernetes.client.openapi.models.V1ConfigMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The failover controller's configuration as the chart renders it (ConfigMap hotline-failover-config). */
record ControllerConfig(String site, String leaseName, String leaseNamespace, String service, String voiceConfigMap,
                        String appDeployment, List<Map<String, Object>> routingTargets,
                        Map<String, List<String>> sipTargets) {

    @SuppressWarnings("unchecked")
    static ControllerConfig of(RenderedChart chart) {
        V1ConfigMap map = chart.one(V1ConfigMap.class, "hotline-failover-config");
        Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(map.getData().get("failover.yaml"));
        Map<String, Object> hotline = (Map<String, Object>) root.get("hotline");
        Map<String, Object> failover = (Map<String, Object>) hotline.get("failover");
        Map<String, Object> lease = (Map<String, Object>) failover.get("lease");
        Map<String, Object> kubernetes = (Map<String, Object>) failover.get("kubernetes");
        Map<String, Object> routing = (Map<String, Object>) kubernetes.get("routing");
        Map<String, List<String>> sip = new LinkedHashMap<>();
        ((Map<String, List<String>>) routing.get("sip-targets")).forEach(sip::put);
        return new ControllerConfig(
                String.valueOf(((Map<String, Object>) hotline.get("site")).get("id")),
                (String) lease.get("name"), (String) lease.get("namespace"),
                (String) routing.get("service"), (String) routing.get("voice-config-map"),
                (String) kubernetes.get("app-deployment"),
                (List<Map<String, Object>>) routing.get("targets"), sip);
    }
}
