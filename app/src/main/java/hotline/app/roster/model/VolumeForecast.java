package hotline.app.roster.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The contacts expected per hour of a day, from history: the average of the same weekday and hour over
 * the last weeks, times the day's manual uplift; and the agents that volume needs
 * (expected × handle time ÷ (3600 s × occupancy), rounded up).
 *
 * @param history        contacts counted per ISO weekday (index 0 = Monday) and hour, summed over {@code weeks}
 * @param weeks          how many weeks the history covers (≥ 1)
 * @param handleSeconds  average handling time of a contact, talk plus after-call work
 * @param occupancy      share of an agent's hour spent handling contacts (0 < occupancy ≤ 1)
 */
public record VolumeForecast(long[][] history, int weeks, int handleSeconds, double occupancy) {

    public VolumeForecast {
        if (history.length != 7 || java.util.Arrays.stream(history).anyMatch(h -> h.length != 24)) {
            throw new IllegalArgumentException("history needs 7 weekdays × 24 hours");
        }
        if (weeks < 1 || handleSeconds < 1 || !(occupancy > 0 && occupancy <= 1)) {
            throw new IllegalArgumentException("weeks and handle time must be positive and occupancy in (0, 1]");
        }
    }

    public record Hour(int hour, Shift shift, BigDecimal expectedContacts, int agentsNeeded) {
    }

    public List<Hour> forecast(LocalDate day, int upliftPercent) {
        DayOfWeek dow = day.getDayOfWeek();
        List<Hour> hours = new ArrayList<>();
        BigDecimal factor = BigDecimal.valueOf(100L + upliftPercent).divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
        for (int h = 0; h < 24; h++) {
            BigDecimal expected = BigDecimal.valueOf(history[dow.getValue() - 1][h])
                    .multiply(factor).divide(BigDecimal.valueOf(weeks), 1, RoundingMode.HALF_UP);
            double workload = expected.doubleValue() * handleSeconds / (3600.0 * occupancy);
            int agents = (int) Math.ceil(workload - 1e-9);
            hours.add(new Hour(h, Shift.ofHour(h), expected, agents));
        }
        return hours;
    }

    /** The most agents any hour of the shift needs. Night hours 0–7 are taken from the same calendar day. */
    public static int agentsNeeded(List<Hour> hours, Shift shift) {
        return hours.stream().filter(h -> h.shift() == shift).mapToInt(Hour::agentsNeeded).max().orElse(0);
    }
}
