package hotline.app.kpi.model;

/** How long a reporting period is. Weeks start on Monday (ISO), as the hotline's weekly report does. */
public enum Granularity {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR
}
