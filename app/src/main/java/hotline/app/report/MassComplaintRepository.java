package hotline.app.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

@Repository
class MassComplaintRepository {

    private final JdbcClient jdbc;

    MassComplaintRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Cluster(String district, String street, String category, int count, Instant firstAt, Instant lastAt,
                   String numbers) {
    }

    /** Places (district, street) and categories with at least {@code threshold} tickets accepted in (from, to]. */
    List<Cluster> clusters(Instant from, Instant to, int threshold) {
        return jdbc.sql("""
                        select min(trim(district)) as district, min(trim(street)) as street, category, count(*) as n,
                               min(accepted_at) as first_at, max(accepted_at) as last_at,
                               string_agg(number, ',' order by number) as numbers
                        from ticket
                        where accepted_at > ? and accepted_at <= ? and category is not null
                          and nullif(trim(district), '') is not null and nullif(trim(street), '') is not null
                        group by lower(trim(district)), lower(trim(street)), category
                        having count(*) >= ?
                        order by 4 desc""")
                .params(ts(from), ts(to), threshold)
                .query((rs, i) -> new Cluster(rs.getString("district"), rs.getString("street"), rs.getString("category"),
                        rs.getInt("n"), instant(rs, "first_at"), instant(rs, "last_at"), rs.getString("numbers")))
                .list();
    }

    /** The open alert of the same place and topic whose tickets reach back to {@code since}, if any. */
    Optional<MassComplaint> openEpisode(Cluster c, Instant since) {
        return jdbc.sql("""
                        select * from mass_complaint where acknowledged_at is null and lower(district) = lower(?)
                          and lower(street) = lower(?) and category = ? and last_at >= ?
                        order by detected_at desc limit 1""")
                .params(c.district(), c.street(), c.category(), ts(since))
                .query(MassComplaintRepository::map).optional();
    }

    void insert(UUID id, Cluster c, Instant now) {
        jdbc.sql("""
                        insert into mass_complaint (id, district, street, category, first_at, last_at, ticket_count,
                          ticket_numbers, detected_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, c.district(), c.street(), c.category(), ts(c.firstAt()), ts(c.lastAt()), c.count(),
                        limit(c.numbers()), ts(now))
                .update();
    }

    void extend(MassComplaint m, Cluster c) {
        java.util.TreeSet<String> numbers = new java.util.TreeSet<>(List.of(m.ticketNumbers().split(",")));
        numbers.addAll(List.of(c.numbers().split(",")));
        jdbc.sql("update mass_complaint set last_at = greatest(last_at, ?), first_at = least(first_at, ?),"
                        + " ticket_count = ?, ticket_numbers = ? where id = ?")
                .params(ts(c.lastAt()), ts(c.firstAt()), numbers.size(), limit(String.join(",", numbers)), m.id())
                .update();
    }

    private static String limit(String numbers) {
        return numbers.length() <= 4000 ? numbers : numbers.substring(0, numbers.lastIndexOf(',', 3990)) + ",…";
    }

    List<MassComplaint> list(boolean openOnly, int limit) {
        return jdbc.sql("select * from mass_complaint" + (openOnly ? " where acknowledged_at is null" : "")
                        + " order by detected_at desc limit ?")
                .param(limit).query(MassComplaintRepository::map).list();
    }

    List<MassComplaint> detectedBetween(Instant from, Instant to) {
        return jdbc.sql("select * from mass_complaint where first_at < ? and last_at >= ? order by first_at, street")
                .params(ts(to), ts(from)).query(MassComplaintRepository::map).list();
    }

    Optional<MassComplaint> find(UUID id) {
        return jdbc.sql("select * from mass_complaint where id = ?").param(id).query(MassComplaintRepository::map).optional();
    }

    boolean acknowledge(UUID id, String username, Instant at) {
        return jdbc.sql("update mass_complaint set acknowledged_by = ?, acknowledged_at = ? where id = ? and acknowledged_at is null")
                .params(username, ts(at), id).update() == 1;
    }

    private static MassComplaint map(ResultSet rs, int row) throws SQLException {
        return new MassComplaint(rs.getObject("id", UUID.class), rs.getString("district"), rs.getString("street"),
                rs.getString("category"), instant(rs, "first_at"), instant(rs, "last_at"), rs.getInt("ticket_count"),
                rs.getString("ticket_numbers"), instant(rs, "detected_at"), rs.getString("acknowledged_by"),
                instant(rs, "acknowledged_at"));
    }
}
