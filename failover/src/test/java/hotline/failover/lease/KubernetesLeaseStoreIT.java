package hotline.failover.lease;

import hotline.failover.kubernetes.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesLeaseStoreIT {

    private static final String NS = "hotline-a";
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private FakeKubernetesApiServer apiServer;
    private KubernetesLeaseStore store;

    @BeforeEach
    void start() {
        apiServer = FakeKubernetesApiServer.start();
        store = new KubernetesLeaseStore(apiServer.client(), NS, KubernetesLeaseStore.DEFAULT_NAME);
    }

    @AfterEach
    void stop() {
        apiServer.close();
    }

    @Test
    void readsNothingBeforeTheFirstLeaseIsCreated() {
        assertThat(store.read()).isEmpty();
    }

    @Test
    void createsTheFirstLeaseAndReadsItBack() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();

        assertThat(created.resourceVersion()).isNotBlank();
        assertThat(created).usingRecursiveComparison().ignoringFields("resourceVersion").isEqualTo(first("a"));
        assertThat(store.read()).contains(created);
    }

    @Test
    void storesTheLeaseAsAStandardCoordinationLease() throws Exception {
        store.compareAndSet(null, first("a").takenOverBy("b", T0.plusSeconds(1))).orElseThrow();

        V1Lease raw = new CoordinationV1Api(apiServer.client())
                .readNamespacedLease(KubernetesLeaseStore.DEFAULT_NAME, NS).execute();
        assertThat(raw.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(raw.getSpec().getLeaseTransitions()).isEqualTo(2);
        assertThat(raw.getSpec().getLeaseDurationSeconds()).isEqualTo(10);
        assertThat(raw.getSpec().getRenewTime().toInstant()).isEqualTo(T0.plusSeconds(1));
        assertThat(raw.getMetadata().getAnnotations()).containsEntry(KubernetesLeaseStore.EPOCH_ANNOTATION, "2");
    }

    @Test
    void refusesToCreateASecondFirstLease() {
        store.compareAndSet(null, first("a")).orElseThrow();

        assertThat(store.compareAndSet(null, first("b"))).isEmpty();
        assertThat(store.read().orElseThrow().holderSite()).isEqualTo("a");
    }

    @Test
    void renewsKeepingHolderAndEpoch() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();

        Lease renewed = store.compareAndSet(created, created.renewed(T0.plusSeconds(3))).orElseThrow();

        assertThat(renewed.holderSite()).isEqualTo("a");
        assertThat(renewed.epoch()).isEqualTo(1);
        assertThat(renewed.renewedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(renewed.acquiredAt()).isEqualTo(T0);
        assertThat(renewed.resourceVersion()).isNotEqualTo(created.resourceVersion());
        assertThat(store.read()).contains(renewed);
    }

    @Test
    void takesOverAnExpiredLeaseWithTheNextEpoch() {
        Lease heldByA = store.compareAndSet(null, first("a")).orElseThrow();
        Instant later = T0.plus(TEN_SECONDS).plusMillis(1);
        Lease seenByB = store.read().orElseThrow();
        assertThat(seenByB.expiredAt(later)).isTrue();

        Lease heldByB = store.compareAndSet(seenByB, seenByB.takenOverBy("b", later)).orElseThrow();

        assertThat(heldByB.holderSite()).isEqualTo("b");
        assertThat(heldByB.epoch()).isEqualTo(heldByA.epoch() + 1);
        assertThat(heldByB.acquiredAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
        assertThat(store.read()).contains(heldByB);
    }

    @Test
    void conflictsWhenSomeoneElseChangedTheLeaseFirst() {
        Lease created = store.compareAndSet(null, first("a")).orElseThrow();
        Instant later = T0.plus(TEN_SECONDS).plusSeconds(1);
        // b takes over from the same version a is about to renew from: a's renewal must lose (HTTP 409)
        Lease heldByB = store.compareAndSet(created, created.takenOverBy("b", later)).orElseThrow();

        Optional<Lease> lateRenewal = store.compareAndSet(created, created.renewed(later));

        assertThat(lateRenewal).isEmpty();
        assertThat(store.read()).contains(heldByB);
    }

    @Test
    void failsAsUnavailableWhenTheApiServerIsDown() {
        store.compareAndSet(null, first("a")).orElseThrow();
        apiServer.stop();

        assertThatThrownBy(() -> store.read())
                .isInstanceOf(LeaseStoreUnavailableException.class)
                .hasMessageContaining("no answer")
                .hasMessageContaining(NS + "/" + KubernetesLeaseStore.DEFAULT_NAME);
        assertThatThrownBy(() -> store.compareAndSet(null, first("b")))
                .isInstanceOf(LeaseStoreUnavailableException.class);
    }

    @Test
    void describesWhereTheLeaseLives() {
        assertThat(store.describe()).contains("Kubernetes Lease hotline-a/hotline-active-site", apiServer.url());
    }

    private static Lease first(String site) {
        return new Lease(site, 1, T0, T0, TEN_SECONDS, null);
    }
}
