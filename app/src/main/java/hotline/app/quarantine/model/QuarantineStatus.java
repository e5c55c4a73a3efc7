package hotline.app.quarantine.model;

/** A quarantine entry waits for a person ({@code OPEN}) until someone reviewed it and wrote down why. */
public enum QuarantineStatus {
    OPEN,
    REVIEWED
}
