package hotline.app.report.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static hotline.app.report.model.ReportKind.*;
import static org.assertj.core.api.Assertions.assertThat;

class ReportScheduleTest {

    @Test
    void anOrdinaryDayOnlyDueTheDailyReport() {
        assertThat(ReportSchedule.dueOn(LocalDate.of(2026, 3, 4))).containsExactly(DAILY);
    }

    @Test
    void mondaysAddTheWeeklyReport() {
        assertThat(ReportSchedule.dueOn(LocalDate.of(2026, 3, 9))).containsExactly(DAILY, WEEKLY);
    }

    @Test
    void theFirstOfAMonthAddsTheMonthlyAndQualityReportsAndAQuarterStartTheDepartmentSummary() {
        assertThat(ReportSchedule.dueOn(LocalDate.of(2026, 3, 1))).containsExactly(DAILY, MONTHLY, QUALITY_MONTHLY);
        assertThat(ReportSchedule.dueOn(LocalDate.of(2026, 4, 1))).containsExactly(DAILY, MONTHLY, QUALITY_MONTHLY,
                DEPARTMENT_QUARTERLY);
    }

    @Test
    void newYearsDayDuesEverythingThatEndedWithTheYear() {
        // 2029-01-01 is a Monday
        assertThat(ReportSchedule.dueOn(LocalDate.of(2029, 1, 1))).containsExactly(DAILY, WEEKLY, MONTHLY, QUALITY_MONTHLY,
                DEPARTMENT_QUARTERLY, ANNUAL);
    }
}
