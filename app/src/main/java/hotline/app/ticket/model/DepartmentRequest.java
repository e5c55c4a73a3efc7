package hotline.app.ticket.model;

/** A request a handling department makes on a ticket; the hotline reviews each one. */
public enum DepartmentRequest {
    RETURN,
    EXTENSION,
    SECOND_HANDLING,
    THIRD_PARTY_EVALUATION
}
