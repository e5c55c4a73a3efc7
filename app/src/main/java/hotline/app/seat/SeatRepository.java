package hotline.app.seat;

import hotline.app.seat.model.SeatState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

/** Seat presence in PostgreSQL. Changes lock the agent's row first, so concurrent moves serialise. */
@Repository
class SeatRepository {

    private final JdbcClient jdbc;

    SeatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the agent's row, creating an OFFLINE one on first use. */
    SeatPresence lock(String username, Instant now, String site) {
        jdbc.sql("""
                        insert into seat_presence (username, state, since, site) values (?, 'OFFLINE', ?, ?)
                        on conflict (username) do nothing""")
                .params(username, ts(now), site).update();
        return jdbc.sql("select * from seat_presence where username = ? for update").param(username)
                .query(SeatRepository::map).single();
    }

    Optional<SeatPresence> find(String username) {
        return jdbc.sql("select * from seat_presence where username = ?").param(username)
                .query(SeatRepository::map).optional();
    }

    List<SeatPresence> findAll() {
        return jdbc.sql("select * from seat_presence").query(SeatRepository::map).list();
    }

    void update(SeatPresence p, String site) {
        jdbc.sql("""
                        update seat_presence set state = ?, since = ?, idle_since = ?, offered_contact_id = ?,
                          seat_label = ?, site = ?, version = version + 1
                        where username = ?""")
                .params(p.state().name(), ts(p.since()), ts(p.idleSince()), p.offeredContactId(), p.seatLabel(), site,
                        p.username())
                .update();
    }

    /**
     * READY agents holding no offer, idle longest first, locked; rows another transaction holds are skipped,
     * so two app instances never offer to the same agent at once.
     */
    List<AvailableAgent> lockAvailable(int limit) {
        // an agent the seat switch of this site's epoch left without a seat has no telephone to take the contact on
        return jdbc.sql("""
                        select p.username, p.idle_since from seat_presence p
                        where p.state = 'READY' and p.offered_contact_id is null
                          and not exists (select 1 from seat_switch_agent a
                                          where a.username = p.username and a.seat is null
                                            and a.epoch = (select epoch from site_state))
                        order by p.idle_since, p.username limit ? for update of p skip locked""")
                .param(limit)
                .query((rs, i) -> new AvailableAgent(rs.getString("username"), rs.getTimestamp("idle_since").toInstant()))
                .list();
    }

    void setOffer(String username, UUID contactId) {
        jdbc.sql("update seat_presence set offered_contact_id = ?, version = version + 1 where username = ?")
                .params(contactId, username).update();
    }

    List<StateCount> countByState() {
        return jdbc.sql("select state, count(*) as n from seat_presence group by state")
                .query((rs, i) -> new StateCount(SeatState.valueOf(rs.getString("state")), rs.getLong("n"))).list();
    }

    record StateCount(SeatState state, long count) {
    }

    private static SeatPresence map(ResultSet rs, int row) throws SQLException {
        return new SeatPresence(rs.getString("username"), SeatState.valueOf(rs.getString("state")),
                instant(rs, "since"), instant(rs, "idle_since"), rs.getObject("offered_contact_id", UUID.class),
                rs.getString("seat_label"), rs.getLong("version"));
    }
}
