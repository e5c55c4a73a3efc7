package hotline.app.roster.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a roster day is like: a working day or not, the flood-season response level, a heavy-rain night
 * forecast, and a manual uplift of the volume forecast (heavy rain, announced outages), in percent.
 */
public record DayConditions(LocalDate day, boolean workingDay, FloodLevel floodLevel, boolean heavyRainNight,
                            int upliftPercent) {

    public DayConditions {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(floodLevel, "floodLevel");
        if (upliftPercent < -90 || upliftPercent > 1000) {
            throw new IllegalArgumentException("uplift must be between -90 and 1000 %, was " + upliftPercent);
        }
    }

    public static DayConditions ordinary(LocalDate day, HolidayCalendar calendar) {
        return new DayConditions(day, calendar.isWorkingDay(day), FloodLevel.NONE, false, 0);
    }
}
