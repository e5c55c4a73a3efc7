package hotline.app.drill.model;

/** Why a drill ran: a person started it, or the schedule did. */
public enum DrillTrigger {
    MANUAL,
    SCHEDULE
}
