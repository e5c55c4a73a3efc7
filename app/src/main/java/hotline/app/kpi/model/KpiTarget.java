package hotline.app.kpi.model;

import java.math.BigDecimal;
import java.util.Objects;

/** A contract target for one KPI: at least (or, for attrition, at most) this percentage. */
public record KpiTarget(Kpi kpi, BigDecimal percent) {

    public KpiTarget {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(kpi + " target must be between 0 and 100 %, was " + percent);
        }
    }

    /** Whether a measured percentage meets the target; null (no data) is neither met nor missed. */
    public Boolean isMetBy(BigDecimal measured) {
        if (measured == null) {
            return null;
        }
        int c = measured.compareTo(percent);
        return kpi.direction() == Kpi.Direction.AT_LEAST ? c >= 0 : c <= 0;
    }
}
