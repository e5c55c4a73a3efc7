package hotline.app.contact.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A contact waiting in the queue, as the dispatcher sees it. {@code queuedAt} never changes: it is the place. */
public record QueuedContact(UUID id, ContactPriority priority, Instant queuedAt) {
    public QueuedContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
