package hotline.app.kpi.model;

/**
 * One item behind a missed KPI: a ticket (id and number), an unanswered call (contact id), or a leaver.
 * Carries no personal data of citizens.
 */
public record MissItem(String kind, String id, String number, String departmentId, String agent, String reason) {
}
