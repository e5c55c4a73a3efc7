package hotline.infra.platform12345;

/** Where a work order stands as seen by the platform. */
public enum OrderStatus {
    /** Created; not yet accepted by the hotline (retrying). */
    DISPATCHING,
    DISPATCHED,
    SIGNED,
    RESULT_RECEIVED,
    RETURN_APPLIED,
    EXTENSION_APPLIED
}
