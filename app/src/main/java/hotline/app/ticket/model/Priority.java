package hotline.app.ticket.model;

public enum Priority {
    URGENT,
    HIGH,
    NORMAL,
    LOW
}
