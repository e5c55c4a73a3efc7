package hotline.app.ticket.model;

/** Everything that can be done to a ticket after it exists. Each is one row set in {@link TransitionTable}. */
public enum TicketAction {
    SIGN,
    START_VERIFICATION,
    COMPLETE_VERIFICATION,
    SCREEN,
    ANSWER_DIRECTLY,
    ASSIGN,
    TRANSFER,
    URGE,
    DEPARTMENT_REPLY,
    REQUEST_RETURN,
    REQUEST_EXTENSION,
    REQUEST_SECOND_HANDLING,
    REQUEST_EVALUATION,
    APPROVE_REQUEST,
    REJECT_REQUEST,
    ACCEPT_REPLY,
    SEND_BACK,
    REPLY_TO_CITIZEN,
    RECORD_CALLBACK,
    CLOSE,
    /** Recorded by the SLA watch the first time a ticket is seen past its deadline; the state does not change. */
    MARK_OVERDUE
}
