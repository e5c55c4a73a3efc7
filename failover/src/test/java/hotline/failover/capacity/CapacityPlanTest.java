package hotline.failover.capacity;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteObservation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityPlanTest {

    private final CapacityPlan siteB = new CapacityPlan(3, 1);

    @Test
    void anActiveSiteRunsItsPromotedSize() {
        assertThat(siteB.desiredFor(SiteObservation.active("b", 2))).hasValue(3);
        assertThat(siteB.desiredFor(SiteObservation.active("b", 2).fencedCopy()))
                .as("a fenced active keeps its agents' capacity: the fence is lifted or the site demoted next").hasValue(3);
    }

    @Test
    void aStandbyReturnsToItsWarmSize() {
        assertThat(siteB.desiredFor(SiteObservation.standby("b", 3, CdcState.STREAMING, 0.2, 10))).hasValue(1);
    }

    @Test
    void aSiteThatDoesNotAnswerIsLeftAsItIs() {
        assertThat(siteB.desiredFor(SiteObservation.unreachable("b"))).isEmpty();
    }

    @Test
    void zeroForARoleLeavesTheCountAlone() {
        CapacityPlan onlyScaleUp = new CapacityPlan(3, 0);
        assertThat(onlyScaleUp.desiredFor(SiteObservation.standby("b", 3, CdcState.STREAMING, 0.2, 10))).isEmpty();
        assertThat(new CapacityPlan(0, 0).isEmpty()).isTrue();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new CapacityPlan(-1, 1)).hasMessageContaining("active=-1");
    }
}
