package hotline.app.seat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The seat switch of one epoch: where the agents logged in at the promotion sit at the newly active site.
 *
 * @param seats          seated people, seat 1 first
 * @param withoutSeat    logged-in people left without a seat (still logged in), next in line first
 * @param planDay        the day whose backup-seat plan ordered them
 * @param planSource     EXPLICIT (the lead's list) or ROSTER (derived from the day's roster)
 * @param durationMillis how long reading the plan and the seats and mapping them took
 */
public record SeatSwitch(long epoch, String site, Instant switchedAt, LocalDate planDay, String planSource, int capacity,
                         List<Seat> seats, List<String> withoutSeat, long durationMillis) {

    public record Seat(int seat, String username, String displayName) {
    }
}
