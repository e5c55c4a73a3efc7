package hotline.app.seat;

import hotline.app.seat.model.SeatState;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that changed an agent's state. {@code withdrawnOffer} is the contact
 * that was on offer to the agent when they left READY (it must go back to the queue), or null.
 */
public record SeatStateChanged(String username, SeatState from, SeatState to, Instant at, UUID withdrawnOffer) {
}
