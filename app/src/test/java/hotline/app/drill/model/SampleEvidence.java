package hotline.app.drill.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Well-formed drill evidence to start tests from: a switchover that passed. */
public final class SampleEvidence {

    private SampleEvidence() {
    }

    public static final Instant START = Instant.parse("2026-05-04T03:00:00Z");

    public static DrillEvidence switchover(UUID id, BigDecimal rtoSeconds) {
        Instant t = START;
        return new DrillEvidence(id, DrillKind.SWITCHOVER, "ops", DrillTrigger.MANUAL, t, t.plusMillis(42_120),
                DrillResult.PASSED, null,
                List.of(new DrillEvidence.Step("preflight", t, t.plusMillis(3_100), StepOutcome.OK, "lag 12 ms, journal empty"),
                        new DrillEvidence.Step("fence a", t.plusMillis(3_100), t.plusMillis(3_400), StepOutcome.OK, null),
                        new DrillEvidence.Step("promote b", t.plusMillis(3_400), t.plusMillis(4_900), StepOutcome.OK, null),
                        new DrillEvidence.Step("switch routing", t.plusMillis(4_900), t.plusMillis(5_300), StepOutcome.OK, null),
                        new DrillEvidence.Step("consistency check", t.plusMillis(5_300), t.plusMillis(42_000), StepOutcome.OK, null)),
                List.of(DrillEvidence.Figure.measured(DrillEvidence.RTO, rtoSeconds, "s", Comparison.AT_MOST, new BigDecimal("30")),
                        DrillEvidence.Figure.measured(DrillEvidence.RPO, BigDecimal.ZERO, "writes", Comparison.AT_MOST, BigDecimal.ZERO),
                        DrillEvidence.Figure.measured(DrillEvidence.AGENT_INTERRUPTION, new BigDecimal("1.2"), "s", Comparison.AT_MOST, new BigDecimal("5")),
                        DrillEvidence.Figure.informational("acknowledged_writes", new BigDecimal("603"), "writes")),
                Map.of("a", List.of(new DrillEvidence.TableCount("ticket", 120, "9f3a"), new DrillEvidence.TableCount("account", 12, "77")),
                        "b", List.of(new DrillEvidence.TableCount("account", 12, "77"), new DrillEvidence.TableCount("ticket", 120, "9f3a"))),
                0, "weekly drill");
    }

    public static DrillEvidence switchover(UUID id) {
        return switchover(id, new BigDecimal("1.8"));
    }
}
