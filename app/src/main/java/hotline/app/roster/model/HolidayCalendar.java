package hotline.app.roster.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which days are working days for staffing: Monday to Friday, minus public holidays, plus weekend days
 * declared working days to make up for a holiday (调休). Kept in configuration, updated every year from
 * the State Council's notice.
 */
public record HolidayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {

    public HolidayCalendar {
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        for (LocalDate day : holidays) {
            if (makeUpWorkdays.contains(day)) {
                throw new IllegalArgumentException(day + " is both a holiday and a make-up working day");
            }
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
