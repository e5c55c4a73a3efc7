package hotline.app.report.model;

import hotline.app.kpi.model.Granularity;
import hotline.app.kpi.model.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which periodic reports fall due on a day, each for the period that ended the day before: every day the
 * daily report; Mondays the weekly; the 1st the monthly and the monthly quality report; the first day of a
 * quarter the department summary; January 1st the annual report.
 */
public final class ReportSchedule {

    private ReportSchedule() {
    }

    public static List<ReportKind> dueOn(LocalDate today) {
        List<ReportKind> due = new ArrayList<>(List.of(ReportKind.DAILY));
        if (Period.containing(Granularity.WEEK, today).start().equals(today)) {
            due.add(ReportKind.WEEKLY);
        }
        if (today.getDayOfMonth() == 1) {
            due.add(ReportKind.MONTHLY);
            due.add(ReportKind.QUALITY_MONTHLY);
        }
        if (Period.containing(Granularity.QUARTER, today).start().equals(today)) {
            due.add(ReportKind.DEPARTMENT_QUARTERLY);
        }
        if (today.getDayOfYear() == 1) {
            due.add(ReportKind.ANNUAL);
        }
        return due;
    }
}
