package hotline.app.ticket.model;

/** Where a ticket (诉求工单) stands in its lifecycle; see {@link TransitionTable} for the moves. */
public enum TicketState {
    /** Dispatched by the 12345 platform, waiting for an agent to sign for it (待签收). */
    PENDING_SIGN,
    /** Accepted (受理): recorded, not yet screened. */
    ACCEPTED,
    /** Too vague to dispatch: being verified with the citizen or on site (核实). */
    VERIFYING,
    /** Screened (甄别): classified, ready to be assigned to a handling department. */
    SCREENED,
    /** Assigned or transferred (交办/转办) to a handling department, which is working on it. */
    ASSIGNED,
    /** The department asked to return the ticket (退件); waiting for the hotline's review. */
    RETURN_REQUESTED,
    /** The department asked for more time (延期); waiting for the hotline's review. */
    EXTENSION_REQUESTED,
    /** The department replied; the hotline reviews the reply (审核). */
    AWAITING_REVIEW,
    /** The reply was accepted; the citizen is to be answered. */
    REVIEWED,
    /** The citizen was answered (回复), by the department's result or directly from the knowledge base. */
    CITIZEN_REPLIED,
    /** The callback (回访) is recorded with the citizen's satisfaction. */
    CALLED_BACK,
    /** After a dissatisfied callback the department asked for a second handling (二次办理). */
    SECOND_HANDLING_REQUESTED,
    /** After a dissatisfied callback the department asked for a third-party evaluation (第三方评价). */
    EVALUATION_REQUESTED,
    /** Closed (办结). Terminal. */
    CLOSED;

    public boolean isOpen() {
        return this != CLOSED;
    }

    /** The SLA measures time to the citizen's answer: the clock stops once the citizen is replied to. */
    public boolean isSlaClockRunning() {
        return ordinal() < CITIZEN_REPLIED.ordinal();
    }

    /** States in which a handling department holds the ticket (and is urged when it is late). */
    public boolean isWithDepartment() {
        return this == ASSIGNED || this == RETURN_REQUESTED || this == EXTENSION_REQUESTED;
    }
}
