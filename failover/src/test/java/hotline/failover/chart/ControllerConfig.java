package hotline.failover.chart;

import hotline.failover.controller.ControllerProperties;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The failover controller's configuration as the chart renders it (ConfigMap hotline-failover-config), bound the way
 * the controller binds it: into {@link ControllerProperties}, refusing any key the controller does not know. A key
 * the chart misspells therefore fails here instead of silently leaving a local-stack default in a release.
 */
record ControllerConfig(String site, ControllerProperties properties) {

    static ControllerConfig of(RenderedChart chart) {
        String yaml = chart.one(V1ConfigMap.class, "hotline-failover-config").getData().get("failover.yaml");
        try {
            var sources = new YamlPropertySourceLoader().load("hotline-failover-config",
                    new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
            Binder binder = new Binder(ConfigurationPropertySources.from(sources));
            ControllerProperties properties = binder.bind("hotline.failover", Bindable.of(ControllerProperties.class),
                    new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                    .orElseThrow(() -> new AssertionError("no hotline.failover settings in the rendered ConfigMap"));
            return new ControllerConfig(binder.bind("hotline.site.id", String.class)
                    .orElseThrow(() -> new AssertionError("no hotline.site.id in the rendered ConfigMap")), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String leaseName() {
        return properties.lease().name();
    }

    String leaseNamespace() {
        return properties.lease().namespace();
    }

    String service() {
        return properties.kubernetes().routing().service();
    }

    String voiceConfigMap() {
        return properties.kubernetes().routing().voiceConfigMap();
    }

    String appDeployment() {
        return properties.kubernetes().appDeployment();
    }

    List<ControllerProperties.RoutingTarget> routingTargets() {
        return properties.kubernetes().routing().targets();
    }

    Map<String, List<String>> sipTargets() {
        return properties.kubernetes().routing().sipTargets();
    }

    /** The routing target named after this site: the namespace the release installed the site's objects into. */
    ControllerProperties.RoutingTarget ownTarget() {
        return routingTargets().stream().filter(t -> t.name().equals(site)).findFirst().orElseThrow();
    }
}
