package hotline.app.seat;

import hotline.app.seat.model.BackupSeating;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

/** Seat switches in PostgreSQL: one {@code seat_switch} row per epoch and one {@code seat_switch_agent} row per person. */
@Repository
class SeatSwitchRepository {

    /** A switch as stored; display names are the accounts' business, added when it is shown. */
    record Stored(long epoch, String site, Instant switchedAt, long durationMillis, LocalDate planDay, String planSource,
                  BackupSeating seating) {
    }

    private final JdbcClient jdbc;

    SeatSwitchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises switches of this site until the transaction ends, so two requests for one epoch map it once. */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('hotline.seat_switch'))").query().listOfRows();
    }

    Optional<Stored> find(long epoch) {
        List<BackupSeating.Seat> seats = new ArrayList<>();
        List<String> withoutSeat = new ArrayList<>();
        jdbc.sql("select username, seat from seat_switch_agent where epoch = ? order by position").param(epoch)
                .query(rs -> {
                    int seat = rs.getInt("seat");
                    if (rs.wasNull()) {
                        withoutSeat.add(rs.getString("username"));
                    } else {
                        seats.add(new BackupSeating.Seat(seat, rs.getString("username")));
                    }
                });
        return jdbc.sql("select * from seat_switch where epoch = ?").param(epoch)
                .query((rs, i) -> new Stored(rs.getLong("epoch"), rs.getString("site"), instant(rs, "switched_at"),
                        rs.getLong("duration_ms"), rs.getDate("plan_day").toLocalDate(), rs.getString("plan_source"),
                        new BackupSeating(rs.getInt("capacity"), seats, withoutSeat)))
                .optional();
    }

    Optional<Stored> latest() {
        return jdbc.sql("select epoch from seat_switch order by epoch desc limit 1").query(Long.class).optional()
                .flatMap(this::find);
    }

    void insert(Stored s) {
        jdbc.sql("""
                        insert into seat_switch (epoch, site, switched_at, duration_ms, plan_day, plan_source, capacity)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(s.epoch(), s.site(), ts(s.switchedAt()), s.durationMillis(), s.planDay(), s.planSource(),
                        s.seating().capacity())
                .update();
        int position = 0;
        for (BackupSeating.Seat seat : s.seating().seats()) {
            insertAgent(s.epoch(), seat.username(), ++position, seat.seat());
        }
        for (String username : s.seating().withoutSeat()) {
            insertAgent(s.epoch(), username, ++position, null);
        }
    }

    private void insertAgent(long epoch, String username, int position, Integer seat) {
        jdbc.sql("insert into seat_switch_agent (epoch, username, position, seat) values (?, ?, ?, ?)")
                .params(epoch, username, position, seat).update();
    }
}
