package hotline.app.kpi.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiCountsTest {

    private static Map<Kpi, KpiTarget> contractTargets() {
        Map<Kpi, KpiTarget> t = new EnumMap<>(Kpi.class);
        t.put(Kpi.ANSWER_RATE, new KpiTarget(Kpi.ANSWER_RATE, BigDecimal.valueOf(100)));
        t.put(Kpi.ON_TIME_COMPLETION, new KpiTarget(Kpi.ON_TIME_COMPLETION, BigDecimal.valueOf(100)));
        t.put(Kpi.REPLY_CALLBACK_RATE, new KpiTarget(Kpi.REPLY_CALLBACK_RATE, BigDecimal.valueOf(100)));
        t.put(Kpi.SATISFACTION, new KpiTarget(Kpi.SATISFACTION, BigDecimal.valueOf(90)));
        t.put(Kpi.QA_SCORE, new KpiTarget(Kpi.QA_SCORE, BigDecimal.valueOf(95)));
        t.put(Kpi.STAFF_ATTRITION, new KpiTarget(Kpi.STAFF_ATTRITION, BigDecimal.valueOf(20)));
        return t;
    }

    private static KpiValue value(List<KpiValue> values, Kpi kpi) {
        return values.stream().filter(v -> v.kpi() == kpi).findFirst().orElseThrow();
    }

    @Test
    void measuresEveryKpiAsAnExactFractionRoundedHalfUpToTwoDecimals() {
        List<KpiValue> values = KpiCounts.ofTickets(10, 9, 6, 8, 7, 6, 4).withCalls(5, 4)
                .withQuality(BigDecimal.valueOf(90), BigDecimal.valueOf(200)).withStaff(10, 1)
                .measure(contractTargets());

        assertThat(values).extracting(KpiValue::kpi).containsExactly(Kpi.values());
        assertThat(value(values, Kpi.ANSWER_RATE).percent()).isEqualByComparingTo("80.00");
        assertThat(value(values, Kpi.ON_TIME_COMPLETION).percent()).isEqualByComparingTo("66.67");
        assertThat(value(values, Kpi.REPLY_CALLBACK_RATE).percent()).isEqualByComparingTo("87.50");
        assertThat(value(values, Kpi.SATISFACTION).percent()).isEqualByComparingTo("66.67");
        assertThat(value(values, Kpi.QA_SCORE).percent()).isEqualByComparingTo("45.00");
        assertThat(value(values, Kpi.STAFF_ATTRITION).percent()).isEqualByComparingTo("10.00");
        assertThat(value(values, Kpi.ON_TIME_COMPLETION).numerator()).isEqualByComparingTo("6");
        assertThat(value(values, Kpi.ON_TIME_COMPLETION).denominator()).isEqualByComparingTo("9");
    }

    @Test
    void attritionMeetsItsTargetAtOrBelowAndTheOthersAtOrAbove() {
        Map<Kpi, KpiTarget> t = contractTargets();
        assertThat(t.get(Kpi.STAFF_ATTRITION).isMetBy(new BigDecimal("20.00"))).isTrue();
        assertThat(t.get(Kpi.STAFF_ATTRITION).isMetBy(new BigDecimal("20.01"))).isFalse();
        assertThat(t.get(Kpi.SATISFACTION).isMetBy(new BigDecimal("90.00"))).isTrue();
        assertThat(t.get(Kpi.SATISFACTION).isMetBy(new BigDecimal("89.99"))).isFalse();
    }

    @Test
    void nothingToMeasureIsNeitherMetNorMissed() {
        KpiValue v = value(KpiCounts.ofTickets(0, 0, 0, 0, 0, 0, 0).measure(contractTargets()), Kpi.SATISFACTION);
        assertThat(v.percent()).isNull();
        assertThat(v.met()).isNull();
    }

    @Test
    void leavesOutKpisWhoseCountsDoNotApplyToTheScope() {
        List<KpiValue> department = KpiCounts.ofTickets(3, 3, 3, 3, 3, 3, 3).measure(contractTargets());
        assertThat(department).extracting(KpiValue::kpi)
                .containsExactly(Kpi.ON_TIME_COMPLETION, Kpi.REPLY_CALLBACK_RATE, Kpi.SATISFACTION);
    }

    @Test
    void refusesCountsThatCannotHappen() {
        assertThatThrownBy(() -> KpiCounts.ofTickets(5, 3, 4, 3, 3, 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> Ratio.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void periodsStartOnTheirFirstDayAndWeeksOnMonday() {
        LocalDate day = LocalDate.of(2026, 3, 5);
        assertThat(Period.containing(Granularity.WEEK, day).start()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(Period.containing(Granularity.WEEK, day).label()).isEqualTo("2026-W10");
        assertThat(Period.containing(Granularity.MONTH, day).end()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(Period.containing(Granularity.QUARTER, LocalDate.of(2026, 8, 31)).start()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(Period.containing(Granularity.QUARTER, LocalDate.of(2026, 8, 31)).label()).isEqualTo("2026-Q3");
        assertThat(Period.containing(Granularity.YEAR, day).label()).isEqualTo("2026");
        assertThatThrownBy(() -> new Period(Granularity.MONTH, day)).isInstanceOf(IllegalArgumentException.class);
    }
}
