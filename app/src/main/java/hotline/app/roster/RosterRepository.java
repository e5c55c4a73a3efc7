package hotline.app.roster;

import hotline.app.roster.model.FloodLevel;
import hotline.app.roster.model.Shift;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

@Repository
class RosterRepository {

    private final JdbcClient jdbc;

    RosterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record DayRow(LocalDate day, FloodLevel floodLevel, boolean heavyRainNight, int upliftPercent, String note) {
    }

    List<DayRow> days(LocalDate from, LocalDate to) {
        return jdbc.sql("select * from roster_day where day >= ? and day < ? order by day").params(from, to)
                .query((rs, i) -> new DayRow(rs.getDate("day").toLocalDate(), FloodLevel.valueOf(rs.getString("flood_level")),
                        rs.getBoolean("heavy_rain_night"), rs.getInt("uplift_percent"), rs.getString("note")))
                .list();
    }

    void upsertDay(DayRow d) {
        jdbc.sql("""
                        insert into roster_day (day, flood_level, heavy_rain_night, uplift_percent, note) values (?, ?, ?, ?, ?)
                        on conflict (day) do update set flood_level = excluded.flood_level,
                          heavy_rain_night = excluded.heavy_rain_night, uplift_percent = excluded.uplift_percent,
                          note = excluded.note""")
                .params(d.day(), d.floodLevel().name(), d.heavyRainNight(), d.upliftPercent(), d.note()).update();
    }

    record AssignmentRow(LocalDate day, Shift shift, String username) {
    }

    List<AssignmentRow> assignments(LocalDate from, LocalDate to) {
        return jdbc.sql("select day, shift, username from roster_assignment where day >= ? and day < ? order by day, shift, username")
                .params(from, to)
                .query((rs, i) -> new AssignmentRow(rs.getDate("day").toLocalDate(), Shift.valueOf(rs.getString("shift")),
                        rs.getString("username")))
                .list();
    }

    void replaceSlot(LocalDate day, Shift shift, List<String> usernames) {
        jdbc.sql("delete from roster_assignment where day = ? and shift = ?").params(day, shift.name()).update();
        for (String u : usernames) {
            jdbc.sql("insert into roster_assignment (id, day, shift, username) values (?, ?, ?, ?)")
                    .params(UUID.randomUUID(), day, shift.name(), u).update();
        }
    }

    record AttendanceRow(LocalDate day, Shift shift, String username, String status, String note, String recordedBy,
                         Instant recordedAt) {
    }

    void upsertAttendance(AttendanceRow a) {
        jdbc.sql("""
                        insert into attendance (id, day, shift, username, status, note, recorded_by, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (day, shift, username) do update set status = excluded.status, note = excluded.note,
                          recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
                .params(UUID.randomUUID(), a.day(), a.shift().name(), a.username(), a.status(), a.note(), a.recordedBy(),
                        ts(a.recordedAt()))
                .update();
    }

    List<AttendanceRow> attendance(LocalDate day) {
        return jdbc.sql("select * from attendance where day = ? order by shift, username").param(day)
                .query((rs, i) -> new AttendanceRow(rs.getDate("day").toLocalDate(), Shift.valueOf(rs.getString("shift")),
                        rs.getString("username"), rs.getString("status"), rs.getString("note"), rs.getString("recorded_by"),
                        instant(rs, "recorded_at")))
                .list();
    }

    record HandoverRow(UUID id, LocalDate day, Shift shift, String author, String note, Instant createdAt) {
    }

    void insertHandover(HandoverRow h) {
        jdbc.sql("insert into shift_handover (id, day, shift, author, note, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(h.id(), h.day(), h.shift().name(), h.author(), h.note(), ts(h.createdAt())).update();
    }

    List<HandoverRow> handovers(LocalDate day) {
        return jdbc.sql("select * from shift_handover where day = ? order by created_at").param(day)
                .query((rs, i) -> new HandoverRow(rs.getObject("id", UUID.class), rs.getDate("day").toLocalDate(),
                        Shift.valueOf(rs.getString("shift")), rs.getString("author"), rs.getString("note"),
                        instant(rs, "created_at")))
                .list();
    }

    List<String> explicitBackupSeats(LocalDate day) {
        return jdbc.sql("select username from backup_seat where day = ? order by position").param(day)
                .query(String.class).list();
    }

    void replaceBackupSeats(LocalDate day, List<String> usernames) {
        jdbc.sql("delete from backup_seat where day = ?").param(day).update();
        for (int i = 0; i < usernames.size(); i++) {
            jdbc.sql("insert into backup_seat (day, position, username) values (?, ?, ?)")
                    .params(day, i + 1, usernames.get(i)).update();
        }
    }

    record MovementRow(UUID id, String username, String kind, LocalDate onDay, String note) {
    }

    void insertMovement(MovementRow m) {
        jdbc.sql("insert into staff_movement (id, username, kind, on_day, note) values (?, ?, ?, ?, ?)")
                .params(m.id(), m.username(), m.kind(), m.onDay(), m.note()).update();
    }

    List<MovementRow> movements(LocalDate from, LocalDate to) {
        return jdbc.sql("select * from staff_movement where on_day >= ? and on_day < ? order by on_day, username")
                .params(from, to)
                .query((rs, i) -> new MovementRow(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getString("kind"), rs.getDate("on_day").toLocalDate(), rs.getString("note")))
                .list();
    }

    /** Contacts per ISO weekday (0 = Monday) and hour in the zone, over [from, to). */
    long[][] hourlyHistory(Instant from, Instant to, ZoneId zone) {
        long[][] history = new long[7][24];
        jdbc.sql("""
                        select extract(isodow from queued_at at time zone :zone)::int as dow,
                               extract(hour from queued_at at time zone :zone)::int as h, count(*) as n
                        from contact where queued_at >= :from and queued_at < :to and channel <> 'PHONE_OUT'
                        group by 1, 2""")
                .param("zone", zone.getId()).param("from", ts(from)).param("to", ts(to))
                .query(rs -> {
                    history[rs.getInt("dow") - 1][rs.getInt("h")] = rs.getLong("n");
                });
        return history;
    }
}
