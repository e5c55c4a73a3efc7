package hotline.failover.lease;

import hotline.failover.kubernetes.KubernetesClients;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The lease as a {@code coordination.k8s.io/v1} Lease (default name {@value #DEFAULT_NAME}), changed only
 * by compare-and-set on {@code metadata.resourceVersion}: the API server refuses a replace whose
 * resourceVersion is stale with 409, which is the conflict answer of {@link #compareAndSet}.
 *
 * <p>Mapping (the object stays readable by {@code kubectl get lease} and by client-go tooling):
 * <ul>
 *   <li>{@code spec.holderIdentity} = the ACTIVE site's id;</li>
 *   <li>{@code spec.acquireTime} / {@code spec.renewTime} = acquiredAt / renewedAt (MicroTime, so
 *       instants are kept to the microsecond);</li>
 *   <li>{@code spec.leaseDurationSeconds} = the duration rounded up to whole seconds; the exact duration is
 *       the annotation {@value #DURATION_ANNOTATION} (ISO-8601), which wins when present;</li>
 *   <li>the epoch is the annotation {@value #EPOCH_ANNOTATION} (a decimal long, authoritative);
 *       {@code spec.leaseTransitions} mirrors it (capped at the int range) for standard tooling and is
 *       only read when the annotation is missing.</li>
 * </ul>
 * A Lease without a holder reads as held by {@code ""} and long expired. Every call has finite connect
 * and read timeouts (see {@link KubernetesClients}); no answer in time is
 * {@link LeaseStoreUnavailableException}, never a wait.
 */
public final class KubernetesLeaseStore implements LeaseStore {

    public static final String DEFAULT_NAME = "hotline-active-site";
    public static final String EPOCH_ANNOTATION = "hotline-ha.example/epoch";
    public static final String DURATION_ANNOTATION = "hotline-ha.example/lease-duration";

    private static final String API_VERSION = "coordination.k8s.io/v1";
    private static final String KIND = "Lease";

    private final ApiClient client;
    private final CoordinationV1Api api;
    private final String namespace;
    private final String name;

    public KubernetesLeaseStore(ApiClient client, String namespace, String name) {
        this.client = client;
        this.api = new CoordinationV1Api(client);
        this.namespace = requireText(namespace, "namespace");
        this.name = requireText(name, "name");
    }

    @Override
    public Optional<Lease> read() {
        try {
            return Optional.of(toLease(api.readNamespacedLease(name, namespace).execute()));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read", e);
        }
    }

    @Override
    public Optional<Lease> compareAndSet(Lease expected, Lease next) {
        try {
            if (expected == null) {
                return Optional.of(toLease(api.createNamespacedLease(namespace, toV1Lease(next, null)).execute()));
            }
            if (expected.resourceVersion() == null) {
                throw new IllegalArgumentException("expected lease has no resourceVersion: pass the lease as read "
                        + "from the store (or null to create the first one)");
            }
            V1Lease body = toV1Lease(next, expected.resourceVersion());
            return Optional.of(toLease(api.replaceNamespacedLease(name, namespace, body).execute()));
        } catch (ApiException e) {
            // 409: stale resourceVersion on replace, or AlreadyExists on create. 404: deleted meanwhile.
            // Either way the stored lease is not the expected one: someone else changed it first.
            if (e.getCode() == 409 || (e.getCode() == 404 && expected != null)) {
                return Optional.empty();
            }
            throw unavailable("compare-and-set", e);
        }
    }

    @Override
    public String describe() {
        return "Kubernetes Lease " + namespace + "/" + name + " at " + client.getBasePath();
    }

    private V1Lease toV1Lease(Lease lease, String resourceVersion) {
        return new V1Lease()
                .apiVersion(API_VERSION)
                .kind(KIND)
                .metadata(new V1ObjectMeta()
                        .name(name)
                        .namespace(namespace)
                        .resourceVersion(resourceVersion)
                        .labels(Map.of("app.kubernetes.io/name", "hotline",
                                "app.kubernetes.io/component", "lease",
                                "app.kubernetes.io/managed-by", "hotline-failover"))
                        .annotations(Map.of(EPOCH_ANNOTATION, Long.toString(lease.epoch()),
                                DURATION_ANNOTATION, lease.duration().toString())))
                .spec(new V1LeaseSpec()
                        .holderIdentity(lease.holderSite())
                        .acquireTime(toTime(lease.acquiredAt()))
                        .renewTime(toTime(lease.renewedAt()))
                        .leaseDurationSeconds(wholeSecondsRoundedUp(lease.duration()))
                        .leaseTransitions((int) Math.min(lease.epoch(), Integer.MAX_VALUE)));
    }

    private static Lease toLease(V1Lease stored) {
        V1LeaseSpec spec = stored.getSpec() == null ? new V1LeaseSpec() : stored.getSpec();
        Map<String, String> annotations = stored.getMetadata().getAnnotations() == null
                ? Map.of() : stored.getMetadata().getAnnotations();
        String holder = spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
        long epoch;
        Duration duration;
        try {
            epoch = annotations.containsKey(EPOCH_ANNOTATION)
                    ? Long.parseLong(annotations.get(EPOCH_ANNOTATION))
                    : spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
            duration = annotations.containsKey(DURATION_ANNOTATION)
                    ? Duration.parse(annotations.get(DURATION_ANNOTATION))
                    : Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? 1 : spec.getLeaseDurationSeconds());
        } catch (RuntimeException e) {
            // someone edited the Lease by hand: refuse to guess an epoch (fencing depends on it)
            throw new IllegalStateException("Lease " + stored.getMetadata().getNamespace() + "/"
                    + stored.getMetadata().getName() + " has an unreadable " + EPOCH_ANNOTATION + " or "
                    + DURATION_ANNOTATION + " annotation: " + annotations, e);
        }
        Instant renewed = toInstant(spec.getRenewTime());
        Instant acquired = spec.getAcquireTime() == null ? renewed : toInstant(spec.getAcquireTime());
        return new Lease(holder, epoch, acquired, renewed, duration, stored.getMetadata().getResourceVersion());
    }

    private static OffsetDateTime toTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant toInstant(OffsetDateTime time) {
        return time == null ? Instant.EPOCH : time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private static int wholeSecondsRoundedUp(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    private LeaseStoreUnavailableException unavailable(String what, ApiException e) {
        return new LeaseStoreUnavailableException("lease " + what + " failed on " + describe() + ": "
                + KubernetesClients.describe(e), e);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Kubernetes lease " + what + " must be set");
        }
        return value;
    }
}
