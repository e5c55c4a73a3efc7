package hotline.app.kpi.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact fraction behind a KPI. The percentage is rounded half-up to two decimals only when shown;
 * a ratio with nothing to measure (denominator 0) has no percentage at all.
 */
public record Ratio(BigDecimal numerator, BigDecimal denominator) {

    public static final Ratio NONE = of(0, 0);

    public Ratio {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (numerator.signum() < 0 || denominator.signum() < 0) {
            throw new IllegalArgumentException("a ratio is never negative: " + numerator + "/" + denominator);
        }
        if (numerator.compareTo(denominator) > 0) {
            throw new IllegalArgumentException("numerator " + numerator + " exceeds denominator " + denominator);
        }
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    public boolean hasData() {
        return denominator.signum() > 0;
    }

    /** The percentage with two decimals (87.50), or null when there is nothing to measure. */
    public BigDecimal percent() {
        if (!hasData()) {
            return null;
        }
        return numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 2, RoundingMode.HALF_UP);
    }

    public Ratio plus(Ratio other) {
        return new Ratio(numerator.add(other.numerator), denominator.add(other.denominator));
    }
}
