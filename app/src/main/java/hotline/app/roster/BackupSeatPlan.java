package hotline.app.roster;

import java.time.LocalDate;
import java.util.List;

/**
 * Who goes to the backup site's seats (第二职场, at most 10) on a day if the primary site is lost, in
 * priority order: position 1 takes the first seat. {@code source} is EXPLICIT when the lead set the list
 * for the day, ROSTER when it was derived: the people rostered that day (the lead first, then by roster
 * priority), then the rest of the team by roster priority, up to the number of seats.
 */
public record BackupSeatPlan(LocalDate day, String source, int seats, List<Seat> assignments) {

    public record Seat(int position, String username, String displayName, String shift) {
    }
}
