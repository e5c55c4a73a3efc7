package hotline.failover.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import hotline.failover.kubernetes.KubernetesClients;
import hotline.failover.lease.KubernetesLeaseStore;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.WitnessLeaseStore;
import hotline.failover.routing.FrontDoorRoutingSwitch;
import hotline.failover.routing.KubernetesRoutingSwitch;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteDatabase;
import hotline.failover.witness.WitnessDatabase;

/**
 * What one site's controller configuration ({@link ControllerProperties} and the site id) builds: the two site
 * clients, the witness, the lease store and the routing switch. The controller application wires itself from these,
 * and {@code ctl}/{@code drill --controller-config FILE} build the very same objects from the controller's own file, so
 * that on Kubernetes ops and the scheduled drills use the Lease, routing objects and credentials the controllers use.
 */
public final class ControllerComponents {

    private final String site;
    private final ControllerProperties p;

    public ControllerComponents(String site, ControllerProperties properties) {
        if (site.equals(properties.peerSite())) {
            throw new IllegalArgumentException("hotline.site.id and hotline.failover.peer-site must differ, both are "
                    + site);
        }
        this.site = site;
        this.p = properties;
    }

    /**
     * Reads a controller configuration file (the chart's {@code failover.yaml}) as the controller does: the file, with
     * the environment over it ({@code HOTLINE_FAILOVER_…} carry the passwords), unknown {@code hotline.failover} keys
     * refused.
     */
    public static ControllerComponents load(Path file, Map<String, Object> environment) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("controller configuration " + file + " not found");
        }
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        // named like Spring's own, so that HOTLINE_FAILOVER_OPSPASSWORD maps to ops-password as in the controller
        sources.add(ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
                sources.add(ConfigurationPropertySource.from(source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read controller configuration " + file + ": " + e.getMessage(), e);
        }
        Binder binder = new Binder(sources);
        try {
            String site = binder.bind("hotline.site.id", String.class).orElseThrow(() -> new IllegalArgumentException(
                    "controller configuration " + file + " has no hotline.site.id (nor HOTLINE_SITE_ID)"));
            ControllerProperties properties = binder.bind("hotline.failover", Bindable.of(ControllerProperties.class),
                    new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).orElseThrow(() -> new IllegalArgumentException(
                            "controller configuration " + file + " has no hotline.failover settings"));
            return new ControllerComponents(site, properties);
        } catch (BindException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("controller configuration " + file + ": " + e.getMessage() + ": "
                    + cause.getMessage(), e);
        }
    }

    public String site() {
        return site;
    }

    public String peerSite() {
        return p.peerSite();
    }

    public ControllerProperties properties() {
        return p;
    }

    /** This site's app (and its database, for WAL positions) or the peer's. */
    public HttpSiteClient siteClient(String id) {
        Duration timeout = p.requestTimeout();
        if (id.equals(site)) {
            return new HttpSiteClient(site, p.appUrl(), p.opsUser(), p.opsPassword(), new SiteDatabase(site,
                    p.database().url(), p.database().username(), p.database().password(), timeout), timeout);
        }
        if (id.equals(p.peerSite())) {
            return new HttpSiteClient(p.peerSite(), p.peerAppUrl(), p.opsUser(), p.opsPassword(),
                    new SiteDatabase(p.peerSite(), p.peerDatabase().url(), p.peerDatabase().username(),
                            p.peerDatabase().password(), timeout), timeout);
        }
        throw new IllegalArgumentException("unknown site '" + id + "': the sites are " + site + " and " + p.peerSite());
    }

    public WitnessDatabase witness() {
        return new WitnessDatabase(p.lease().witnessUrl(), p.lease().witnessUsername(), p.lease().witnessPassword(),
                p.requestTimeout());
    }

    public LeaseStore leaseStore(WitnessDatabase witness) {
        return switch (p.lease().store()) {
            case "witness" -> new WitnessLeaseStore(witness, p.lease().name());
            case "kubernetes" -> new KubernetesLeaseStore(kubernetes(p.lease().kubeconfig(), p.requestTimeout()),
                    p.lease().namespace(), p.lease().name());
            default -> throw new IllegalArgumentException("hotline.failover.lease.store must be witness or kubernetes, was '"
                    + p.lease().store() + "'");
        };
    }

    public RoutingSwitch routingSwitch() {
        return switch (p.routing().kind()) {
            case "front-door" -> new FrontDoorRoutingSwitch(p.routing().frontDoorUrl(),
                    Map.of(site, p.appUrl(), p.peerSite(), p.peerAppUrl()), p.requestTimeout());
            case "kubernetes" -> {
                var routing = p.kubernetes().routing();
                List<KubernetesRoutingSwitch.Target> targets = new ArrayList<>();
                for (ControllerProperties.RoutingTarget t : routingTargets()) {
                    targets.add(new KubernetesRoutingSwitch.Target(t.name(), kubernetes(t.kubeconfig(),
                            p.requestTimeout()), t.namespace()));
                }
                yield new KubernetesRoutingSwitch(targets, routing.sipTargets() == null ? Map.of() : routing.sipTargets());
            }
            default -> throw new IllegalArgumentException("hotline.failover.routing.kind must be front-door or "
                    + "kubernetes, was '" + p.routing().kind() + "'");
        };
    }

    /** This site's routing target: the namespace (and cluster) the site's objects, the app Deployment too, live in. */
    public ControllerProperties.RoutingTarget ownRoutingTarget() {
        return routingTargets().stream().filter(t -> site.equals(t.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("hotline.failover.kubernetes.routing.targets has no "
                        + "target named after this site (" + site + "): its namespace holds the app Deployment"));
    }

    public List<ControllerProperties.RoutingTarget> routingTargets() {
        List<ControllerProperties.RoutingTarget> targets = p.kubernetes().routing().targets();
        return targets == null ? List.of() : targets;
    }

    /** The in-cluster client (the pod's ServiceAccount) when no kubeconfig is given, else that kubeconfig's. */
    public static ApiClient kubernetes(String kubeconfig, Duration timeout) {
        KubernetesClients.Timeouts timeouts = new KubernetesClients.Timeouts(timeout, timeout.multipliedBy(2));
        return kubeconfig == null || kubeconfig.isBlank() ? KubernetesClients.inCluster(timeouts)
                : KubernetesClients.fromKubeconfig(Path.of(kubeconfig), timeouts);
    }
}
