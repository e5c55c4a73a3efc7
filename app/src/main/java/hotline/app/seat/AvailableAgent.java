package hotline.app.seat;

import java.time.Instant;

/** A READY agent without an offer, locked for the dispatcher's transaction. */
public record AvailableAgent(String username, Instant idleSince) {
}
