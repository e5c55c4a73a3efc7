package hotline.failover.lease;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private final Lease lease = new Lease("a", 7, T0, T0.plusSeconds(5), Duration.ofSeconds(10), "42");

    @Test
    void isValidUntilRenewalPlusDurationAndExpiredFromThen() {
        assertThat(lease.expiredAt(T0.plusSeconds(14).plusMillis(999))).isFalse();
        assertThat(lease.expiredAt(T0.plusSeconds(15))).isTrue();
        assertThat(lease.expiredAt(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void renewalKeepsHolderEpochAndAcquisition() {
        Lease renewed = lease.renewed(T0.plusSeconds(8));

        assertThat(renewed).isEqualTo(new Lease("a", 7, T0, T0.plusSeconds(8), Duration.ofSeconds(10), "42"));
        assertThat(renewed.expiredAt(T0.plusSeconds(15))).isFalse();
    }

    @Test
    void takeOverBumpsTheEpochAndRestartsTheLease() {
        Lease taken = lease.takenOverBy("b", T0.plusSeconds(16));

        assertThat(taken).isEqualTo(new Lease("b", 8, T0.plusSeconds(16), T0.plusSeconds(16), Duration.ofSeconds(10), "42"));
    }
}
