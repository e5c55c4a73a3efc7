package hotline.app.drill.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrillEvidenceTest {

    private static final UUID ID = UUID.randomUUID();

    private static DrillEvidence with(List<DrillEvidence.Figure> figures) {
        DrillEvidence e = SampleEvidence.switchover(ID);
        return new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(), e.finishedAt(),
                e.result(), e.reason(), e.steps(), figures, e.integrity(), e.quarantined(), e.notes());
    }

    @Test
    void wellFormedEvidenceHasNoViolations() {
        assertThat(SampleEvidence.switchover(ID).violations()).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        DrillEvidence e = SampleEvidence.switchover(ID);
        DrillEvidence bad = new DrillEvidence(e.id(), null, " ", null, e.finishedAt(), e.startedAt(), DrillResult.REFUSED,
                null, e.steps(), e.figures(), e.integrity(), -1, null);

        assertThat(bad.violations()).containsExactlyInAnyOrder(
                "kind: required, one of READINESS, SWITCHOVER, FAILOVER, CHAOS",
                "startedBy: required (the person or schedule that started the drill)",
                "trigger: required, MANUAL or SCHEDULE",
                "finishedAt: 2026-05-04T03:00:00Z is before startedAt 2026-05-04T03:00:42.120Z",
                "quarantined: must not be negative, was -1",
                "reason: a REFUSED drill records why it was refused");
    }

    @Test
    void aStepMustNotEndBeforeItStarts() {
        DrillEvidence e = SampleEvidence.switchover(ID);
        List<DrillEvidence.Step> steps = new ArrayList<>(e.steps());
        steps.set(1, new DrillEvidence.Step("fence a", e.startedAt().plusSeconds(5), e.startedAt(), StepOutcome.OK, null));
        DrillEvidence bad = new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(), e.finishedAt(),
                e.result(), null, steps, e.figures(), e.integrity(), 0, null);

        assertThat(bad.violations()).singleElement().asString().startsWith("steps[1].finishedAt:");
    }

    @Test
    void aVerdictMustFollowFromValueAndTarget() {
        DrillEvidence e = with(List.of(new DrillEvidence.Figure("rto", new BigDecimal("31"), "s", new BigDecimal("30"),
                Comparison.AT_MOST, true)));

        assertThat(e.violations()).containsExactly("figures[rto].passed: 31 ≤ 30 is false, but passed says true");
    }

    @Test
    void targetComparisonAndVerdictGoTogether() {
        DrillEvidence e = with(List.of(new DrillEvidence.Figure("rto", BigDecimal.ONE, "s", new BigDecimal("30"), null, null)));

        assertThat(e.violations()).singleElement().asString().contains("go together");
    }

    @Test
    void wellKnownFiguresHaveTheirUnitsAndTheRpoTargetIsZero() {
        DrillEvidence e = with(List.of(
                DrillEvidence.Figure.measured("rto", new BigDecimal("1800"), "ms", Comparison.AT_MOST, new BigDecimal("30000")),
                DrillEvidence.Figure.measured("rpo", BigDecimal.ZERO, "writes", Comparison.AT_MOST, BigDecimal.TEN)));

        assertThat(e.violations()).containsExactly("figures[rto].unit: rto is measured in s, not ms",
                "figures[rpo].target: the RPO target is 0 acknowledged writes lost (AT_MOST 0)");
    }

    @Test
    void figureNamesAreIdentifiersAndUnique() {
        DrillEvidence e = with(List.of(DrillEvidence.Figure.informational("Seat Switch", BigDecimal.ONE, "s"),
                DrillEvidence.Figure.informational("x", BigDecimal.ONE, "s"),
                DrillEvidence.Figure.informational("x", BigDecimal.ONE, "s")));

        assertThat(e.violations()).containsExactly(
                "figures[0].name: lower-case letters, digits and _ (e.g. rto, rpo, seat_switch), was Seat Switch",
                "figures[2].name: x appears twice");
    }

    @Test
    void aPassedDrillHasNoMissedTargetAndNoFailedStep() {
        DrillEvidence e = with(List.of(DrillEvidence.Figure.measured("rto", new BigDecimal("45"), "s", Comparison.AT_MOST,
                new BigDecimal("30"))));

        assertThat(e.violations()).containsExactly("result: PASSED, but figure rto missed its target");
        DrillEvidence failed = new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(),
                e.finishedAt(), DrillResult.FAILED, null, e.steps(), e.figures(), e.integrity(), 0, null);
        assertThat(failed.violations()).isEmpty();
    }

    @Test
    void integrityNamesSitesAndTablesAndHexChecksums() {
        DrillEvidence e = SampleEvidence.switchover(ID);
        DrillEvidence bad = new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(), e.finishedAt(),
                e.result(), null, e.steps(), e.figures(),
                Map.of("a", List.of(new DrillEvidence.TableCount("ticket", -1, "XYZ"))), 0, null);

        assertThat(bad.violations()).containsExactlyInAnyOrder("integrity[a][ticket].rows: must not be negative",
                "integrity[a][ticket].checksum: lower-case hex, was XYZ");
    }

    @Test
    void nullElementsAreReportedNotThrown() {
        DrillEvidence e = SampleEvidence.switchover(ID);
        List<DrillEvidence.Step> steps = new ArrayList<>();
        steps.add(null);
        DrillEvidence bad = new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(), e.finishedAt(),
                e.result(), null, steps, null, null, null, null);

        assertThat(bad.violations()).containsExactly("steps[0]: null");
        assertThat(bad.quarantined()).isZero();
    }

    @Test
    void comparisonsHoldAsNamed() {
        assertThat(Comparison.AT_MOST.holds(new BigDecimal("1.0"), BigDecimal.ONE)).isTrue();
        assertThat(Comparison.AT_LEAST.holds(new BigDecimal("0.99"), BigDecimal.ONE)).isFalse();
        assertThat(Comparison.EQUAL.holds(new BigDecimal("0.00"), BigDecimal.ZERO)).isTrue();
    }
}
