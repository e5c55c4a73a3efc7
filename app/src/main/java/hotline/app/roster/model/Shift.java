package hotline.app.roster.model;

import java.time.LocalTime;

/** The two shifts of the 7×24 roster: day 08:00–20:00, night 20:00–08:00 the next morning. */
public enum Shift {
    DAY(LocalTime.of(8, 0)),
    NIGHT(LocalTime.of(20, 0));

    private final LocalTime start;

    Shift(LocalTime start) {
        this.start = start;
    }

    public LocalTime start() {
        return start;
    }

    /** The shift of the roster day covering this hour of a calendar day (0–7 belong to the previous night). */
    public static Shift ofHour(int hour) {
        return hour >= 8 && hour < 20 ? DAY : NIGHT;
    }
}
