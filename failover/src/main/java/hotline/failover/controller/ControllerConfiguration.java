package hotline.failover.controller;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import hotline.failover.capacity.CapacityKeeper;
import hotline.failover.capacity.CapacityPlan;
import hotline.failover.capacity.KubernetesAppScaler;
import hotline.failover.decision.FailoverConfig;
import hotline.failover.decision.FailoverTimings;
import hotline.failover.kubernetes.KubernetesClients;
import hotline.failover.lease.KubernetesLeaseStore;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.WitnessLeaseStore;
import hotline.failover.routing.FrontDoorRoutingSwitch;
import hotline.failover.routing.KubernetesRoutingSwitch;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteDatabase;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import hotline.failover.witness.WitnessSwitchStore;

/**
 * Wires one site's controller from {@link ControllerProperties}: the two site clients, the lease store (witness or
 * Kubernetes), the routing switch (front door or Kubernetes), the witness database (procedure runs and ops switches),
 * and the loop's lifecycle. The timings are validated here, so a controller with inconsistent timings never starts
 * (every violation is reported at once).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerProperties.class)
class ControllerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FailoverConfig failoverConfig(ControllerProperties p) {
        FailoverTimings timings = FailoverTimings.validated(p.lease().duration(), p.lease().renewDeadline(),
                p.lease().retryPeriod());
        return new FailoverConfig(timings, p.maxLagToPromote(), p.autoFailover());
    }

    @Bean
    WitnessDatabase witnessDatabase(ControllerProperties p) {
        return new WitnessDatabase(p.lease().witnessUrl(), p.lease().witnessUsername(), p.lease().witnessPassword(),
                p.requestTimeout());
    }

    @Bean
    LeaseStore leaseStore(ControllerProperties p, WitnessDatabase witness) {
        return switch (p.lease().store()) {
            case "witness" -> new WitnessLeaseStore(witness, p.lease().name());
            case "kubernetes" -> new KubernetesLeaseStore(kubernetes(p.lease().kubeconfig(), p.requestTimeout()),
                    p.lease().namespace(), p.lease().name());
            default -> throw new IllegalArgumentException("hotline.failover.lease.store must be witness or kubernetes, was '"
                    + p.lease().store() + "'");
        };
    }

    @Bean
    RoutingSwitch routingSwitch(ControllerProperties p, @Value("${hotline.site.id:a}") String site) {
        return switch (p.routing().kind()) {
            case "front-door" -> new FrontDoorRoutingSwitch(p.routing().frontDoorUrl(),
                    Map.of(site, p.appUrl(), p.peerSite(), p.peerAppUrl()), p.requestTimeout());
            case "kubernetes" -> {
                var routing = p.kubernetes().routing();
                List<KubernetesRoutingSwitch.Target> targets = new ArrayList<>();
                for (ControllerProperties.RoutingTarget t : routingTargets(p)) {
                    targets.add(new KubernetesRoutingSwitch.Target(t.name(), kubernetes(t.kubeconfig(),
                            p.requestTimeout()), t.namespace()));
                }
                yield new KubernetesRoutingSwitch(targets, routing.sipTargets() == null ? Map.of() : routing.sipTargets());
            }
            default -> throw new IllegalArgumentException("hotline.failover.routing.kind must be front-door or "
                    + "kubernetes, was '" + p.routing().kind() + "'");
        };
    }

    @Bean
    ControllerMetrics controllerMetrics(MeterRegistry registry) {
        return new ControllerMetrics(registry);
    }

    @Bean
    FailoverController failoverController(ControllerProperties p, @Value("${hotline.site.id:a}") String site,
                                          FailoverConfig config, WitnessDatabase witness, LeaseStore leases,
                                          RoutingSwitch routing, Clock clock, ControllerMetrics metrics) {
        if (site.equals(p.peerSite())) {
            throw new IllegalArgumentException("hotline.site.id and hotline.failover.peer-site must differ, both are "
                    + site);
        }
        Duration timeout = p.requestTimeout();
        SiteClient self = new HttpSiteClient(site, p.appUrl(), p.opsUser(), p.opsPassword(), new SiteDatabase(site,
                p.database().url(), p.database().username(), p.database().password(), timeout), timeout);
        SiteClient peer = new HttpSiteClient(p.peerSite(), p.peerAppUrl(), p.opsUser(), p.opsPassword(),
                new SiteDatabase(p.peerSite(), p.peerDatabase().url(), p.peerDatabase().username(),
                        p.peerDatabase().password(), timeout), timeout);
        ProcedureFactory procedures = new ProcedureFactory(Map.of(site, self, p.peerSite(), peer), leases, routing,
                clock, p.maxLagToPromote(), Duration.ofSeconds(30), Duration.ofSeconds(180), p.drainTimeout());
        return new FailoverController(site, p.peerSite(), self, peer, leases, new JdbcProcedureStore(witness),
                procedures, new WitnessSwitchStore(witness), new PeerControllerClient(p.peerControllerUrl(), timeout),
                config, p.staleProcedureAfter(), clock, metrics);
    }

    /**
     * Kubernetes only: keeps this site's app Deployment at its role's size. It lives in this site's routing target
     * (the namespace the chart installed the site into); the plan comes from the chart's values.
     */
    @Bean
    @ConditionalOnProperty(name = "hotline.failover.routing.kind", havingValue = "kubernetes")
    SmartLifecycle capacityKeeperLoop(ControllerProperties p, @Value("${hotline.site.id:a}") String site,
                                      FailoverController controller, Clock clock, MeterRegistry registry) {
        ControllerProperties.Kubernetes k = p.kubernetes();
        CapacityPlan plan = new CapacityPlan(k.promotedReplicas(), k.standbyReplicas());
        ControllerProperties.RoutingTarget own = routingTargets(p).stream().filter(t -> site.equals(t.name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("hotline.failover.kubernetes.routing.targets "
                        + "has no target named after this site (" + site + "): its namespace holds the app Deployment"));
        KubernetesAppScaler scaler = new KubernetesAppScaler(kubernetes(own.kubeconfig(), p.requestTimeout()),
                own.namespace(), k.appDeployment());
        // a view older than three cycles is no view: the keeper then leaves the count alone
        Duration fresh = p.lease().retryPeriod().multipliedBy(3).plus(p.requestTimeout());
        CapacityKeeper keeper = new CapacityKeeper(site, plan, scaler, () -> controller.snapshot()
                .filter(s -> Duration.between(s.at(), clock.instant()).compareTo(fresh) <= 0)
                .map(s -> s.view().local()), k.capacityCheckInterval(), registry);
        return lifecycle(plan.isEmpty() ? () -> { } : keeper::start, keeper::stop);
    }

    /** Starts the HA loop once the context (and its web server, which answers the peer) is up; stops it first. */
    @Bean
    SmartLifecycle failoverControllerLoop(FailoverController controller) {
        return lifecycle(controller::start, controller::stop);
    }

    private static SmartLifecycle lifecycle(Runnable start, Runnable stop) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                start.run();
                running = true;
            }

            @Override
            public void stop() {
                stop.run();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }

    private static List<ControllerProperties.RoutingTarget> routingTargets(ControllerProperties p) {
        List<ControllerProperties.RoutingTarget> targets = p.kubernetes().routing().targets();
        return targets == null ? List.of() : targets;
    }

    private static ApiClient kubernetes(String kubeconfig, Duration timeout) {
        KubernetesClients.Timeouts timeouts = new KubernetesClients.Timeouts(timeout, timeout.multipliedBy(2));
        return kubeconfig == null || kubeconfig.isBlank() ? KubernetesClients.inCluster(timeouts)
                : KubernetesClients.fromKubeconfig(Path.of(kubeconfig), timeouts);
    }
}
