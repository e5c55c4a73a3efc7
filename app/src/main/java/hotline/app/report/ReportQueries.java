package hotline.app.report;

import hotline.app.report.model.Bar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static hotline.app.jdbc.SqlValues.ts;

/**
 * The set-based queries behind report sections other than the KPIs (those come from {@code KpiService}):
 * volume over time, channels, categories, department requests, waterlogging locations. Every query reads
 * the tickets accepted in a window through {@code ticket_accepted_idx}.
 */
@Repository
class ReportQueries {

    /** Ticket states in which the citizen has had an answer (resolved, for special reports). */
    static final String RESOLVED_STATES = "('CITIZEN_REPLIED', 'CALLED_BACK', 'EVALUATION_REQUESTED', 'CLOSED')";

    private final JdbcClient jdbc;

    ReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Bucket {
        HOUR("hour", ChronoUnit.HOURS, "MM-dd HH:00"),
        DAY("day", ChronoUnit.DAYS, "MM-dd"),
        MONTH("month", ChronoUnit.MONTHS, "yyyy-MM");

        final String sql;
        final ChronoUnit unit;
        final DateTimeFormatter label;

        Bucket(String sql, ChronoUnit unit, String pattern) {
            this.sql = sql;
            this.unit = unit;
            this.label = DateTimeFormatter.ofPattern(pattern);
        }
    }

    /** Tickets accepted per bucket in [from, to), every bucket present (zeros included), in time order. */
    List<Bar> volume(Instant from, Instant to, ZoneId zone, Bucket bucket, String category) {
        Map<LocalDateTime, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select date_trunc('" + bucket.sql + "', accepted_at at time zone :zone) as b, count(*) as n from ticket"
                        + " where accepted_at >= :from and accepted_at < :to"
                        + " and (cast(:category as text) is null or category = :category) group by 1")
                .param("zone", zone.getId()).param("from", ts(from)).param("to", ts(to)).param("category", category)
                .query(rs -> {
                    counts.put(rs.getTimestamp("b").toLocalDateTime(), rs.getLong("n"));
                });
        List<Bar> bars = new ArrayList<>();
        LocalDateTime cursor = truncate(LocalDateTime.ofInstant(from, zone), bucket);
        LocalDateTime end = LocalDateTime.ofInstant(to, zone);
        while (cursor.isBefore(end)) {
            bars.add(new Bar(bucket.label.format(cursor), counts.getOrDefault(cursor, 0L)));
            cursor = cursor.plus(1, bucket.unit);
        }
        return bars;
    }

    private static LocalDateTime truncate(LocalDateTime t, Bucket bucket) {
        return switch (bucket) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    }

    /** Ticket counts by a column (channel or category, '' for none), largest first. */
    Map<String, Long> countBy(String column, Instant from, Instant to) {
        if (!column.equals("channel") && !column.equals("category")) {
            throw new IllegalArgumentException("cannot count tickets by " + column);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select coalesce(" + column + ", '') as k, count(*) as n from ticket"
                        + " where accepted_at >= ? and accepted_at < ? group by 1 order by 2 desc, coalesce(" + column + ", '') collate \"C\"")
                .params(ts(from), ts(to))
                .query(rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    /** Inbound calls answered per agent in [from, to). */
    Map<String, Long> answeredCallsByAgent(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select agent_username, count(*) as n from contact where channel = 'PHONE_IN'
                          and connected_at is not null and queued_at >= ? and queued_at < ? and agent_username is not null
                        group by 1""")
                .params(ts(from), ts(to))
                .query(rs -> {
                    counts.put(rs.getString("agent_username"), rs.getLong("n"));
                });
        return counts;
    }

    record DepartmentRequests(long returns, long extensions, long secondHandlings) {
    }

    /**
     * Per department, for the tickets accepted in [from, to): returns and extensions its liaisons requested
     * (attributed through the liaison's account, as a returned ticket no longer names the department), and
     * tickets it now holds that are in a second (or later) handling round.
     */
    Map<String, DepartmentRequests> departmentRequests(Instant from, Instant to) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.department_id as dept,
                               count(*) filter (where e.action = 'REQUEST_RETURN') as returns,
                               count(*) filter (where e.action = 'REQUEST_EXTENSION') as extensions
                        from ticket_event e
                        join ticket t on t.id = e.ticket_id
                        join account a on a.username = e.actor
                        where t.accepted_at >= ? and t.accepted_at < ? and e.actor_role = 'DEPARTMENT'
                          and e.action in ('REQUEST_RETURN', 'REQUEST_EXTENSION') and a.department_id is not null
                        group by 1""")
                .params(ts(from), ts(to))
                .query(rs -> {
                    long[] v = acc.computeIfAbsent(rs.getString("dept"), k -> new long[3]);
                    v[0] = rs.getLong("returns");
                    v[1] = rs.getLong("extensions");
                });
        jdbc.sql("""
                        select department_id as dept, count(*) as n from ticket
                        where accepted_at >= ? and accepted_at < ? and handling_round >= 2 and department_id is not null
                        group by 1""")
                .params(ts(from), ts(to))
                .query(rs -> {
                    acc.computeIfAbsent(rs.getString("dept"), k -> new long[3])[2] = rs.getLong("n");
                });
        Map<String, DepartmentRequests> result = new LinkedHashMap<>();
        acc.forEach((k, v) -> result.put(k, new DepartmentRequests(v[0], v[1], v[2])));
        return result;
    }

    Map<String, String> departmentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("select id, name from department order by id").query(rs -> {
            names.put(rs.getString("id"), rs.getString("name"));
        });
        return names;
    }

    Map<String, String> accountNames() {
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("select username, display_name from account").query(rs -> {
            names.put(rs.getString("username"), rs.getString("display_name"));
        });
        return names;
    }

    record Place(String district, String street, long total, long resolved) {
    }

    /** Tickets of a category in [from, to) by district and street, most first. */
    List<Place> places(String category, Instant from, Instant to) {
        return jdbc.sql("select coalesce(nullif(trim(district), ''), '(未填 none)') as district,"
                        + " coalesce(nullif(trim(street), ''), '(未填 none)') as street, count(*) as total,"
                        + " count(*) filter (where state in " + RESOLVED_STATES + ") as resolved"
                        + " from ticket where category = ? and accepted_at >= ? and accepted_at < ?"
                        + " group by 1, 2 order by 3 desc, 1, 2")
                .params(category, ts(from), ts(to))
                .query((rs, i) -> new Place(rs.getString("district"), rs.getString("street"), rs.getLong("total"),
                        rs.getLong("resolved")))
                .list();
    }
}
