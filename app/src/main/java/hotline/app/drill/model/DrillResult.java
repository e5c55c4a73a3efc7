package hotline.app.drill.model;

/** How a drill ended. */
public enum DrillResult {
    /** Every step completed and every figure met its target. */
    PASSED,
    /** A step failed or a figure missed its target; the evidence says which. */
    FAILED,
    /** A guard refused to start the drill (e.g. the standby was lagging); the evidence records why. */
    REFUSED
}
