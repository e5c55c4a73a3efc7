package hotline.app.site.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The site's role transitions around a promotion without the lease (the active site and the witness lost). */
class SiteStateTest {

    private static final Instant T = Instant.parse("2026-12-05T03:00:00Z");
    private final SiteState standby = SiteState.initial("b", SiteRole.STANDBY, 7, "a", T);

    @Test
    void aStandbyPromotedWithoutTheLeaseIsWritableAndWaitsForItsLease() {
        SiteState promoted = standby.promoteWithoutLease(8, T, "forced failover without the witness");

        assertThat(promoted.writable()).isTrue();
        assertThat(promoted.epoch()).isEqualTo(8);
        assertThat(promoted.promotedWithoutLease()).isTrue();
        assertThat(promoted.promoteWithoutLease(8, T.plusSeconds(5), "again")).as("repeating it changes nothing")
                .isSameAs(promoted);
    }

    @Test
    void theWaitEndsWhenItsControllerTakesTheLeaseAtThatEpochAndOnlyThatEpoch() {
        SiteState promoted = standby.promoteWithoutLease(8, T, "forced");

        assertThatThrownBy(() -> promoted.leaseTaken(9, T, "lease at 9"))
                .isInstanceOf(IllegalSiteTransitionException.class).hasMessageContaining("waits for the lease at epoch 8");
        SiteState holding = promoted.leaseTaken(8, T, "lease at 8");
        assertThat(holding.promotedWithoutLease()).isFalse();
        assertThat(holding.writable()).isTrue();
        assertThat(holding.leaseTaken(8, T, "again")).isSameAs(holding);
    }

    @Test
    void aFenceKeepsTheWaitAndAnyLaterRoleChangeEndsIt() {
        SiteState promoted = standby.promoteWithoutLease(8, T, "forced");

        assertThat(promoted.fence(T, "ops").promotedWithoutLease()).isTrue();
        assertThat(promoted.demote(9, "a", T, "a took over").promotedWithoutLease()).isFalse();
        assertThat(promoted.promote(9, T, "promoted with the lease").promotedWithoutLease()).isFalse();
    }

    @Test
    void aPromotionWithoutTheLeaseStillNeedsAHigherEpoch() {
        assertThatThrownBy(() -> standby.promoteWithoutLease(7, T, "forced"))
                .isInstanceOf(IllegalSiteTransitionException.class).hasMessageContaining("epoch above the current 7");
    }
}
