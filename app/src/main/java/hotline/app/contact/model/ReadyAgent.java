package hotline.app.contact.model;

import java.time.Instant;
import java.util.Objects;

/** An agent who is READY and holds no offer; {@code idleSince} is when they last became READY. */
public record ReadyAgent(String username, Instant idleSince) {
    public ReadyAgent {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(idleSince, "idleSince");
    }
}
