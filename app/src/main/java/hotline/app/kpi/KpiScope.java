package hotline.app.kpi;

/** Whom a KPI row is about: the whole hotline, each handling department, or each agent (ticket owner). */
public enum KpiScope {
    OVERALL,
    DEPARTMENT,
    AGENT
}
