package hotline.failover.drill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A period in which no switching drill may start (e.g. the flood-season emergency response): from {@code from} to
 * {@code to}, both days included, in the hotline's time zone. Written {@code 2026-06-01/2026-09-30}.
 */
public record BlackoutWindow(LocalDate from, LocalDate to, ZoneId zone) {

    public static BlackoutWindow parse(String text, ZoneId zone) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a blackout window is FROM/TO (e.g. 2026-06-01/2026-09-30), was '" + text + "'");
        }
        LocalDate from = LocalDate.parse(parts[0].strip());
        LocalDate to = LocalDate.parse(parts[1].strip());
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("blackout window " + text + " ends before it starts");
        }
        return new BlackoutWindow(from, to, zone);
    }

    public boolean covers(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
        return from + "/" + to;
    }
}
