package hotline.app.kpi.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A calendar period in the hotline's time zone: the day, ISO week, month, quarter or year that contains
 * a given date. {@code start} is inclusive, {@link #end()} exclusive.
 */
public record Period(Granularity granularity, LocalDate start) {

    public Period {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        if (!start.equals(startOf(granularity, start))) {
            throw new IllegalArgumentException(start + " does not start a " + granularity.name().toLowerCase());
        }
    }

    /** The period of this granularity that contains {@code day}. */
    public static Period containing(Granularity granularity, LocalDate day) {
        return new Period(granularity, startOf(granularity, day));
    }

    private static LocalDate startOf(Granularity granularity, LocalDate day) {
        return switch (granularity) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    public LocalDate end() {
        return switch (granularity) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    public Period previous() {
        return containing(granularity, start.minusDays(1));
    }

    public Instant from(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return end().atStartOfDay(zone).toInstant();
    }

    /** 2026-03-05, 2026-W10, 2026-03, 2026-Q1, 2026. */
    public String label() {
        return switch (granularity) {
            case DAY -> start.toString();
            case WEEK -> start.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + String.format("%02d", start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }
}
