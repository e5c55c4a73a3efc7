package hotline.app.seat;

import hotline.app.seat.model.SeatState;

import java.time.Instant;
import java.util.UUID;

/** An agent on the team board, or the agent's own seat. */
public record SeatView(String username, String displayName, SeatState state, Instant since, Instant idleSince,
                       UUID offeredContactId, String seatLabel) {
}
