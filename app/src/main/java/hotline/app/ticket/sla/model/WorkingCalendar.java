package hotline.app.ticket.sla.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Which days are working days: Monday to Friday, minus public holidays, plus the weekend days
 * that are declared working days to make up for a holiday (调休). The lists come from configuration
 * and must be maintained every year from the State Council's holiday notice.
 */
public record WorkingCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays,
                              LocalTime endOfWorkday) {

    public WorkingCalendar {
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        Objects.requireNonNull(endOfWorkday, "endOfWorkday");
        for (LocalDate day : holidays) {
            if (makeUpWorkdays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a make-up working day");
            }
        }
    }

    public static WorkingCalendar mondayToFriday(ZoneId zone) {
        return new WorkingCalendar(zone, Set.of(), Set.of(), LocalTime.of(18, 0));
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The n-th working day strictly after {@code day} (n ≥ 1). */
    public LocalDate nthWorkingDayAfter(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate cursor = day;
        int found = 0;
        while (found < n) {
            cursor = cursor.plusDays(1);
            if (isWorkingDay(cursor)) {
                found++;
            }
        }
        return cursor;
    }
}
