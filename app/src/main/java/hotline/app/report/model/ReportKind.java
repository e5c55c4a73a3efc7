package hotline.app.report.model;

import hotline.app.kpi.model.Granularity;

/** What a report covers. The periodic ones are generated on schedule; the others on demand. */
public enum ReportKind {
    DAILY("日报", "Daily report", Granularity.DAY),
    WEEKLY("周报", "Weekly report", Granularity.WEEK),
    MONTHLY("月报", "Monthly report", Granularity.MONTH),
    ANNUAL("年报", "Annual report", Granularity.YEAR),
    /** 部门季度考核: per-department handling statistics for the quarterly assessment. */
    DEPARTMENT_QUARTERLY("部门季度办理情况", "Department quarterly summary", Granularity.QUARTER),
    /** 月度质检报告. */
    QUALITY_MONTHLY("月度质检报告", "Monthly quality report", Granularity.MONTH),
    /** 积水投诉专报: waterlogging complaints during a storm, any window. */
    WATERLOGGING("积水投诉专报", "Waterlogging special report", null),
    /** 群体性投诉专报: mass complaints detected in a window. */
    MASS_COMPLAINTS("群体性投诉专报", "Mass complaints special report", null);

    private final String chinese;
    private final String english;
    private final Granularity granularity;

    ReportKind(String chinese, String english, Granularity granularity) {
        this.chinese = chinese;
        this.english = english;
        this.granularity = granularity;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** The calendar period the report covers, or null for a free window (special reports). */
    public Granularity granularity() {
        return granularity;
    }

    public boolean isPeriodic() {
        return granularity != null;
    }
}
