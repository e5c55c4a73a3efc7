package hotline.app.kpi.model;

import java.math.BigDecimal;

/** One KPI measured over one period and scope, against its target. {@code met} is null without data. */
public record KpiValue(Kpi kpi, BigDecimal numerator, BigDecimal denominator, BigDecimal percent, BigDecimal target,
                       Boolean met) {

    public static KpiValue measure(Kpi kpi, Ratio ratio, KpiTarget target) {
        if (target == null || target.kpi() != kpi) {
            throw new IllegalArgumentException("no target for " + kpi);
        }
        BigDecimal percent = ratio.percent();
        return new KpiValue(kpi, ratio.numerator().stripTrailingZeros(), ratio.denominator().stripTrailingZeros(),
                percent, target.percent(), target.isMetBy(percent));
    }
}
