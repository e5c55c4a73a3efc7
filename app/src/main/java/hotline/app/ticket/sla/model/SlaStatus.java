package hotline.app.ticket.sla.model;

public enum SlaStatus {
    ON_TRACK,
    NEAR_DUE,
    OVERDUE
}
