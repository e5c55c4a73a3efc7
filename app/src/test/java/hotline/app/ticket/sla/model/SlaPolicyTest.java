package hotline.app.ticket.sla.model;

import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPolicyTest {

    private static final ZoneId WUHAN = ZoneId.of("Asia/Shanghai");

    private static SlaPolicy policy(WorkingCalendar calendar) {
        return new SlaPolicy(calendar, Map.of(Priority.URGENT, SlaTarget.hours(4), Priority.HIGH, SlaTarget.workingDays(1),
                Priority.NORMAL, SlaTarget.workingDays(3), Priority.LOW, SlaTarget.workingDays(5)),
                Map.of(Category.PIPE_BURST, SlaTarget.hours(2)), 0.25);
    }

    private static Instant wuhan(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), WUHAN).toInstant();
    }

    @Test
    void workingDaysSkipTheWeekendAndEndAtTheEndOfTheWorkday() {
        SlaPolicy sla = policy(WorkingCalendar.mondayToFriday(WUHAN));
        // accepted Thursday 2026-12-03 15:00 → 3 working days: Fri, Mon, Tue → Tue 18:00
        SlaDeadline d = sla.deadline(wuhan("2026-12-03T15:00"), Category.WATER_QUALITY, Priority.NORMAL);
        assertThat(d.dueAt()).isEqualTo(wuhan("2026-12-08T18:00"));
        assertThat(d.nearDueAt()).isBefore(d.dueAt()).isAfter(wuhan("2026-12-03T15:00"));
    }

    @Test
    void holidaysAreSkippedAndMakeUpWorkdaysCount() {
        WorkingCalendar calendar = new WorkingCalendar(WUHAN,
                Set.of(LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-07")),
                Set.of(LocalDate.parse("2026-12-05")), LocalTime.of(18, 0));
        SlaPolicy sla = policy(calendar);
        // Thu 3rd → Fri 4th holiday, Sat 5th make-up workday (1), Sun no, Mon 7th holiday, Tue 8th (2), Wed 9th (3)
        assertThat(sla.deadline(wuhan("2026-12-03T09:00"), null, Priority.NORMAL).dueAt())
                .isEqualTo(wuhan("2026-12-09T18:00"));
    }

    @Test
    void emergenciesRunOnCalendarHoursAndCategoryOverridesPriority() {
        SlaPolicy sla = policy(WorkingCalendar.mondayToFriday(WUHAN));
        Instant saturdayNight = wuhan("2026-12-05T23:00");
        assertThat(sla.deadline(saturdayNight, Category.PIPE_BURST, Priority.LOW).dueAt())
                .isEqualTo(wuhan("2026-12-06T01:00"));
        assertThat(sla.deadline(saturdayNight, Category.WATERLOGGING, Priority.URGENT).dueAt())
                .isEqualTo(wuhan("2026-12-06T03:00"));
    }

    @Test
    void nearDueStartsInTheLastQuarterAndOverdueAtTheDeadline() {
        SlaDeadline d = new SlaDeadline(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(d.statusAt(Instant.parse("2026-12-01T08:59:59Z"))).isEqualTo(SlaStatus.ON_TRACK);
        assertThat(d.statusAt(Instant.parse("2026-12-01T09:00:00Z"))).isEqualTo(SlaStatus.NEAR_DUE);
        assertThat(d.statusAt(Instant.parse("2026-12-01T10:00:00Z"))).isEqualTo(SlaStatus.OVERDUE);
    }

    @Test
    void anExtensionCountsFromTheOldDeadline() {
        SlaPolicy sla = policy(WorkingCalendar.mondayToFriday(WUHAN));
        SlaDeadline extended = sla.extend(wuhan("2026-12-01T09:00"), wuhan("2026-12-04T18:00"), 2);
        assertThat(extended.dueAt()).isEqualTo(wuhan("2026-12-08T18:00"));
    }

    @Test
    void aDayCannotBeBothHolidayAndWorkday() {
        assertThatThrownBy(() -> new WorkingCalendar(WUHAN, Set.of(LocalDate.parse("2026-10-01")),
                Set.of(LocalDate.parse("2026-10-01")), LocalTime.of(18, 0)))
                .hasMessageContaining("both as a holiday and as a make-up working day");
    }
}
