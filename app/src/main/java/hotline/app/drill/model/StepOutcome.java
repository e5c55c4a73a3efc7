package hotline.app.drill.model;

/** How one step of a drill ended. */
public enum StepOutcome {
    OK,
    FAILED,
    SKIPPED
}
