package hotline.app.seat;

import hotline.app.seat.model.SeatState;

import java.time.Instant;
import java.util.UUID;

/** One agent's presence row. {@code idleSince} orders READY agents for the dispatcher. */
record SeatPresence(String username, SeatState state, Instant since, Instant idleSince, UUID offeredContactId,
                    String seatLabel, long version) {

    static SeatPresence offline(String username, Instant now) {
        return new SeatPresence(username, SeatState.OFFLINE, now, null, null, null, 0);
    }
}
