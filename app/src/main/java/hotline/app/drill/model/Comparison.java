package hotline.app.drill.model;

import java.math.BigDecimal;

/** How a measured figure is held against its target. */
public enum Comparison {
    AT_MOST("≤"),
    AT_LEAST("≥"),
    EQUAL("=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(BigDecimal value, BigDecimal target) {
        int c = value.compareTo(target);
        return switch (this) {
            case AT_MOST -> c <= 0;
            case AT_LEAST -> c >= 0;
            case EQUAL -> c == 0;
        };
    }
}
