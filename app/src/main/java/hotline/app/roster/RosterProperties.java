package hotline.app.roster;

import hotline.app.roster.model.HolidayCalendar;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

/**
 * Rosters: the staffing calendar (public holidays and make-up working days, maintained every year), and
 * the forecast's parameters. Validated at start-up, every bad value reported at once.
 *
 * @param holidays        public holidays (法定节假日), on which daytime needs 2 agents instead of lead + 5
 * @param makeUpWorkdays  weekend days worked to make up for a holiday (调休上班)
 * @param handleTime      average handling time of a contact (talk and after-call work), default 5 minutes
 * @param occupancy       share of an agent's hour spent on contacts, default 0.8
 * @param historyWeeks    weeks of history behind the weekday/hour profile, default 8
 * @param backupSeats     seats at the backup site (第二职场), default 10
 */
@Validated
@ConfigurationProperties("hotline.roster")
public record RosterProperties(
        Set<LocalDate> holidays,
        Set<LocalDate> makeUpWorkdays,
        Duration handleTime,
        @DecimalMin("0.1") @DecimalMax("1.0") Double occupancy,
        @Min(1) @Max(52) Integer historyWeeks,
        @Min(1) @Max(10) Integer backupSeats) {

    public RosterProperties {
        holidays = holidays == null ? Set.of() : holidays;
        makeUpWorkdays = makeUpWorkdays == null ? Set.of() : makeUpWorkdays;
        handleTime = handleTime == null ? Duration.ofMinutes(5) : handleTime;
        occupancy = occupancy == null ? 0.8 : occupancy;
        historyWeeks = historyWeeks == null ? 8 : historyWeeks;
        backupSeats = backupSeats == null ? 10 : backupSeats;
        for (LocalDate day : holidays) {
            if (makeUpWorkdays.contains(day)) {
                throw new IllegalArgumentException("hotline.roster: " + day + " is both a holiday and a make-up working day");
            }
        }
        if (handleTime.isNegative() || handleTime.isZero()) {
            throw new IllegalArgumentException("hotline.roster.handle-time must be positive, was " + handleTime);
        }
    }

    public HolidayCalendar calendar() {
        return new HolidayCalendar(holidays, makeUpWorkdays);
    }
}
