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

    /** Takes {@code username}'s seat of the switch of {@code epoch} away; the seat number, if they had one. */
    Optional<Integer> releaseSeat(long epoch, String username) {
        Optional<Integer> seat = jdbc.sql("""
                        select seat from seat_switch_agent where epoch = ? and username = ? and seat is not null
                        for update""")
                .params(epoch, username).query(Integer.class).optional();
        seat.ifPresent(s -> jdbc.sql("update seat_switch_agent set seat = null where epoch = ? and username = ?")
                .params(epoch, username).update());
        return seat;
    }

    /**
     * Gives {@code seat} to the first person of the switch of {@code epoch}, in switch order, who is without a seat
     * and still logged in; returns who, if anybody.
     */
    Optional<String> giveSeatToNextInLine(long epoch, int seat) {
        return jdbc.sql("""
                        update seat_switch_agent set seat = ? where epoch = ? and seat is null and username = (
                            select a.username from seat_switch_agent a join seat_presence p on p.username = a.username
                            where a.epoch = ? and a.seat is null and p.state <> 'OFFLINE'
                            order by a.position limit 1)
                        returning username""")
                .params(seat, epoch, epoch).query(String.class).optional();
    }

    /** The lowest seat number of the switch of {@code epoch} nobody holds, if any is left. */
    Optional<Integer> lowestFreeSeat(long epoch) {
        return jdbc.sql("""
                        select min(g) from seat_switch s, generate_series(1, s.capacity) g
                        where s.epoch = ? and g not in (select seat from seat_switch_agent
                                                        where epoch = ? and seat is not null)""")
                .params(epoch, epoch).query(Integer.class).optional();
    }

    /** Whether {@code username} has a place in the switch of {@code epoch}, and which seat (null: without one). */
    Optional<Optional<Integer>> placeOf(long epoch, String username) {
        return jdbc.sql("select seat from seat_switch_agent where epoch = ? and username = ? for update")
                .params(epoch, username).query((rs, i) -> {
                    int seat = rs.getInt(1);
                    return rs.wasNull() ? Optional.<Integer>empty() : Optional.of(seat);
                }).optional();
    }

    /** Someone who logged in after the switch of {@code epoch} joins it last in line, seated or not. */
    void join(long epoch, String username, Integer seat) {
        jdbc.sql("""
                        insert into seat_switch_agent (epoch, username, position, seat)
                        select ?, ?, coalesce(max(position), 0) + 1, ? from seat_switch_agent where epoch = ?""")
                .params(epoch, username, seat, epoch).update();
    }

    void seat(long epoch, String username, int seat) {
        jdbc.sql("update seat_switch_agent set seat = ? where epoch = ? and username = ?").params(seat, epoch, username)
                .update();
    }

    boolean exists(long epoch) {
        return jdbc.sql("select count(*) from seat_switch where epoch = ?").param(epoch).query(Long.class).single() > 0;
    }

    private void insertAgent(long epoch, String username, int position, Integer seat) {
        jdbc.sql("insert into seat_switch_agent (epoch, username, position, seat) values (?, ?, ?, ?)")
                .params(epoch, username, position, seat).update();
    }
}
