package hotline.app.sla.model;

public enum SlaStatus {
    ON_TRACK,
    NEAR_DUE,
    OVERDUE
}
