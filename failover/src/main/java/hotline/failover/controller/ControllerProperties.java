package hotline.failover.controller;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One site's failover controller ({@code hotline.failover.*}; the site's own id is {@code hotline.site.id}). The
 * defaults are site A of the local stack ({@code ./hotline up}); the Helm chart renders the Kubernetes variant.
 *
 * @param peerSite          the other site's id
 * @param appUrl            this site's app (its own URL, not the stable front door)
 * @param peerAppUrl        the other site's app, observed every cycle
 * @param peerControllerUrl the other site's controller, asked whether it took or will take the lease (failsafe)
 * @param controllerUrl     this controller as ops and drills reach it ({@code ctl --controller-config} reads it)
 * @param opsUser           ops user of both sites' apps (HTTP Basic, role OPS)
 * @param database          this site's PostgreSQL (WAL position for promotion tokens and drains)
 * @param peerDatabase      the other site's PostgreSQL
 * @param maxLagToPromote   a standby further behind than this when the active was last seen is not promoted
 *                          automatically (runbooks/failover.md: failover --force)
 * @param autoFailover      false: the controller renews, fences, demotes and reports, but never promotes by itself
 * @param drainTimeout      how long a failover waits for the lost active's database to hand over its last WAL
 * @param staleProcedureAfter a procedure run nobody advanced for this long is resumed by the controller of its
 *                          target site (the CLI or controller that ran it died)
 * @param requestTimeout    connect and request timeout of every call to a site, a database or the peer controller
 */
// unknown keys are refused: a misspelt key in failover.yaml would otherwise silently keep the local default
@ConfigurationProperties(prefix = "hotline.failover", ignoreUnknownFields = false)
public record ControllerProperties(
        @DefaultValue("b") String peerSite,
        @DefaultValue("http://localhost:8081") URI appUrl,
        @DefaultValue("http://localhost:8082") URI peerAppUrl,
        @DefaultValue("http://localhost:18182") URI peerControllerUrl,
        @DefaultValue("http://localhost:18181") URI controllerUrl,
        @DefaultValue("ops") String opsUser,
        @DefaultValue("demo") String opsPassword,
        @DefaultValue Database database,
        @DefaultValue Database peerDatabase,
        @DefaultValue LeaseSettings lease,
        @DefaultValue RoutingSettings routing,
        @DefaultValue Kubernetes kubernetes,
        @DefaultValue("5s") Duration maxLagToPromote,
        @DefaultValue("true") boolean autoFailover,
        @DefaultValue("3s") Duration drainTimeout,
        @DefaultValue("15s") Duration staleProcedureAfter,
        @DefaultValue("5s") Duration requestTimeout) {

    public record Database(@DefaultValue("jdbc:postgresql://localhost:15432/hotline") String url,
                           @DefaultValue("postgres") String username,
                           @DefaultValue("postgres") String password) {
    }

    /**
     * @param store       {@code witness} (a row in the witness PostgreSQL, changed by compare-and-set) or
     *                    {@code kubernetes} (a coordination.k8s.io/v1 Lease)
     * @param witnessUrl  the witness database; also holds procedure runs and the ops switches in both modes
     */
    public record LeaseSettings(@DefaultValue("witness") String store,
                                @DefaultValue("hotline-active-site") String name,
                                @DefaultValue("default") String namespace,
                                String kubeconfig,
                                @DefaultValue("jdbc:postgresql://localhost:15434/hotline_witness") String witnessUrl,
                                @DefaultValue("postgres") String witnessUsername,
                                @DefaultValue("postgres") String witnessPassword,
                                @DefaultValue("10s") Duration duration,
                                @DefaultValue("7s") Duration renewDeadline,
                                @DefaultValue("1s") Duration retryPeriod) {
    }

    /** @param kind {@code front-door} (the local stack's loopback control API) or {@code kubernetes} */
    public record RoutingSettings(@DefaultValue("front-door") String kind,
                                  @DefaultValue("http://localhost:18080") URI frontDoorUrl) {
    }

    /**
     * @param appDeployment          this site's app Deployment, in the namespace of this site's routing target
     * @param promotedReplicas       its replicas while this site is ACTIVE (0: left as is)
     * @param standbyReplicas        its replicas while this site is STANDBY (0: left as is)
     * @param capacityCheckInterval  how often the Deployment is compared with what the role calls for
     */
    public record Kubernetes(@DefaultValue("hotline-app") String appDeployment,
                             @DefaultValue("0") int promotedReplicas,
                             @DefaultValue("0") int standbyReplicas,
                             @DefaultValue("5s") Duration capacityCheckInterval,
                             @DefaultValue KubernetesRouting routing) {
    }

    public record KubernetesRouting(@DefaultValue("hotline-active") String service,
                                    @DefaultValue("hotline-voice-routing") String voiceConfigMap,
                                    List<RoutingTarget> targets,
                                    Map<String, List<String>> sipTargets) {
    }

    public record RoutingTarget(String name, String namespace, String kubeconfig) {
    }
}
