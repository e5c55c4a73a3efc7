package hotline.app.quality.model;

/** Why a ticket is in the month's inspection sample. */
public enum SampleReason {
    /** The citizen was dissatisfied at callback. */
    LOW_SATISFACTION,
    /** The department returned it, or its reply was sent back: something went wrong in screening or handling. */
    RETURNED,
    /** Drawn at random (seeded) from the agent's other tickets. */
    RANDOM
}
