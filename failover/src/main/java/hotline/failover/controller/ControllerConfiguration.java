package hotline.failover.controller;

import java.time.Clock;
import java.time.Duration;

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
import hotline.failover.lease.LeaseStore;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.SiteClient;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import hotline.failover.witness.WitnessSwitchStore;

/**
 * Wires one site's controller from {@link ControllerProperties} through {@link ControllerComponents} (the same
 * factories {@code ctl --controller-config} uses): the two site clients, the lease store (witness or Kubernetes), the
 * routing switch (front door or Kubernetes), the witness database (procedure runs and ops switches), on Kubernetes
 * the capacity keeper, and the loops' lifecycle. The timings are validated here, so a controller with inconsistent
 * timings never starts (every violation is reported at once).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerProperties.class)
class ControllerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ControllerComponents controllerComponents(ControllerProperties p, @Value("${hotline.site.id:a}") String site) {
        return new ControllerComponents(site, p);
    }

    @Bean
    FailoverConfig failoverConfig(ControllerProperties p) {
        FailoverTimings timings = FailoverTimings.validated(p.lease().duration(), p.lease().renewDeadline(),
                p.lease().retryPeriod());
        return new FailoverConfig(timings, p.maxLagToPromote(), p.autoFailover());
    }

    @Bean
    WitnessDatabase witnessDatabase(ControllerComponents components) {
        return components.witness();
    }

    @Bean
    LeaseStore leaseStore(ControllerComponents components, WitnessDatabase witness) {
        return components.leaseStore(witness);
    }

    @Bean
    RoutingSwitch routingSwitch(ControllerComponents components) {
        return components.routingSwitch();
    }

    @Bean
    ControllerMetrics controllerMetrics(MeterRegistry registry) {
        return new ControllerMetrics(registry);
    }

    @Bean
    FailoverController failoverController(ControllerComponents components, FailoverConfig config,
                                          WitnessDatabase witness, LeaseStore leases, RoutingSwitch routing, Clock clock,
                                          ControllerMetrics metrics) {
        ControllerProperties p = components.properties();
        String site = components.site();
        SiteClient self = components.siteClient(site);
        SiteClient peer = components.siteClient(p.peerSite());
        ProcedureFactory procedures = new ProcedureFactory(java.util.Map.of(site, self, p.peerSite(), peer), leases,
                routing, clock, p.maxLagToPromote(), Duration.ofSeconds(30), Duration.ofSeconds(180), p.drainTimeout());
        return new FailoverController(site, p.peerSite(), self, peer, leases, new JdbcProcedureStore(witness),
                procedures, new WitnessSwitchStore(witness), new PeerControllerClient(p.peerControllerUrl(),
                p.requestTimeout()), config, p.staleProcedureAfter(), clock, metrics);
    }

    /**
     * Kubernetes only: keeps this site's app Deployment at its role's size. It lives in this site's routing target
     * (the namespace the chart installed the site into); the plan comes from the chart's values.
     */
    @Bean
    @ConditionalOnProperty(name = "hotline.failover.routing.kind", havingValue = "kubernetes")
    SmartLifecycle capacityKeeperLoop(ControllerComponents components, FailoverController controller, Clock clock,
                                      MeterRegistry registry) {
        ControllerProperties p = components.properties();
        ControllerProperties.Kubernetes k = p.kubernetes();
        CapacityPlan plan = new CapacityPlan(k.promotedReplicas(), k.standbyReplicas());
        ControllerProperties.RoutingTarget own = components.ownRoutingTarget();
        KubernetesAppScaler scaler = new KubernetesAppScaler(ControllerComponents.kubernetes(own.kubeconfig(),
                p.requestTimeout()), own.namespace(), k.appDeployment());
        // a view older than three cycles is no view: the keeper then leaves the count alone
        Duration fresh = p.lease().retryPeriod().multipliedBy(3).plus(p.requestTimeout());
        CapacityKeeper keeper = new CapacityKeeper(components.site(), plan, scaler, () -> controller.snapshot()
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
}
