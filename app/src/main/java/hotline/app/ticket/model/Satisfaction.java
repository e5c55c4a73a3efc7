package hotline.app.ticket.model;

/** The citizen's answer at callback. The first three count as satisfied in the KPI. */
public enum Satisfaction {
    VERY_SATISFIED,
    SATISFIED,
    BASICALLY_SATISFIED,
    DISSATISFIED;

    public boolean isSatisfied() {
        return this != DISSATISFIED;
    }
}
