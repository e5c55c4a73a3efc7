package hotline.app.kpi;

import hotline.app.kpi.model.KpiCounts;
import hotline.app.kpi.model.MissItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static hotline.app.jdbc.SqlValues.ts;

/**
 * The counts behind every KPI, straight from tickets, their history, contacts, inspections and staff
 * movements: one set-based query per source, grouped by scope, over the tickets accepted in the period
 * (index {@code ticket_accepted_idx}) joined to their first citizen reply (index {@code ticket_event_reply_idx};
 * a reply is never before its ticket's acceptance, so only replies from the period's start are read). A ticket is <em>answered</em> at its first citizen reply
 * (REPLY_TO_CITIZEN or ANSWER_DIRECTLY in its history); it is <em>on time</em> when answered by its
 * deadline and never marked overdue by the SLA watch.
 */
@Repository
class KpiRepository {

    private static final String COHORT = """
            with t as (
              select t.id, t.number, t.department_id, t.owner_username, t.due_at, t.sla_breached,
                     t.callback_reached, t.satisfaction, r.replied_at
              from ticket t
              left join (select e.ticket_id, min(e.at) as replied_at from ticket_event e
                         where e.action in ('REPLY_TO_CITIZEN', 'ANSWER_DIRECTLY') and e.at >= :from
                         group by e.ticket_id) r on r.ticket_id = t.id
              where t.accepted_at >= :from and t.accepted_at < :to
                and (cast(:department as text) is null or t.department_id = :department)
                and (cast(:agent as text) is null or t.owner_username = :agent))
            """;
    private static final String DUE_OR_DONE = "(replied_at is not null or due_at < :asOf)";
    private static final String ON_TIME = "(replied_at is not null and not sla_breached and (due_at is null or replied_at <= due_at))";

    private final JdbcClient jdbc;

    KpiRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static String key(KpiScope scope, String department, String agent) {
        return switch (scope) {
            case OVERALL -> "'*'";
            case DEPARTMENT -> "coalesce(" + department + ", '')";
            case AGENT -> "coalesce(" + agent + ", '')";
        };
    }

    Map<String, KpiCounts> ticketCounts(KpiScope scope, Instant from, Instant to, Instant asOf) {
        Map<String, KpiCounts> counts = new LinkedHashMap<>();
        jdbc.sql(COHORT + "select " + key(scope, "department_id", "owner_username") + " as scope_key, count(*) as tickets,"
                        + " count(*) filter (where " + DUE_OR_DONE + ") as due_or_done,"
                        + " count(*) filter (where " + ON_TIME + ") as on_time,"
                        + " count(*) filter (where replied_at is not null) as replied,"
                        + " count(*) filter (where replied_at is not null and callback_reached is not null) as called_back,"
                        + " count(*) filter (where satisfaction is not null) as surveyed,"
                        + " count(*) filter (where satisfaction in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')) as satisfied"
                        + " from t group by 1 order by 1")
                .param("from", ts(from)).param("to", ts(to)).param("asOf", ts(asOf))
                .param("department", null).param("agent", null)
                .query(rs -> {
                    counts.put(rs.getString("scope_key"), KpiCounts.ofTickets(rs.getLong("tickets"),
                            rs.getLong("due_or_done"), rs.getLong("on_time"), rs.getLong("replied"),
                            rs.getLong("called_back"), rs.getLong("surveyed"), rs.getLong("satisfied")));
                });
        return counts;
    }

    /**
     * The ticket counts of every scope in one pass over the cohort ({@code GROUPING SETS}): the hotline, each
     * department, each agent. Reports use this instead of three queries.
     */
    Map<KpiScope, Map<String, KpiCounts>> ticketCountsOfAllScopes(Instant from, Instant to, Instant asOf) {
        Map<KpiScope, Map<String, KpiCounts>> counts = new java.util.EnumMap<>(KpiScope.class);
        for (KpiScope scope : KpiScope.values()) {
            counts.put(scope, new LinkedHashMap<>());
        }
        jdbc.sql(COHORT + ", k as (select *, coalesce(department_id, '') as dk, coalesce(owner_username, '') as ak from t)"
                        + " select grouping(dk) as gd, grouping(ak) as ga, dk, ak, count(*) as tickets,"
                        + " count(*) filter (where " + DUE_OR_DONE + ") as due_or_done,"
                        + " count(*) filter (where " + ON_TIME + ") as on_time,"
                        + " count(*) filter (where replied_at is not null) as replied,"
                        + " count(*) filter (where replied_at is not null and callback_reached is not null) as called_back,"
                        + " count(*) filter (where satisfaction is not null) as surveyed,"
                        + " count(*) filter (where satisfaction in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')) as satisfied"
                        + " from k group by grouping sets ((), (dk), (ak)) order by 1, 2, 3, 4")
                .param("from", ts(from)).param("to", ts(to)).param("asOf", ts(asOf))
                .param("department", null).param("agent", null)
                .query(rs -> {
                    boolean byDepartment = rs.getInt("gd") == 0;
                    boolean byAgent = rs.getInt("ga") == 0;
                    KpiScope scope = byDepartment ? KpiScope.DEPARTMENT : byAgent ? KpiScope.AGENT : KpiScope.OVERALL;
                    String key = byDepartment ? rs.getString("dk") : byAgent ? rs.getString("ak") : "*";
                    counts.get(scope).put(key, KpiCounts.ofTickets(rs.getLong("tickets"), rs.getLong("due_or_done"),
                            rs.getLong("on_time"), rs.getLong("replied"), rs.getLong("called_back"),
                            rs.getLong("surveyed"), rs.getLong("satisfied")));
                });
        return counts;
    }

    /** Inbound calls that were answered or abandoned, and those answered, in the period. */
    long[] calls(Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) filter (where connected_at is not null or state = 'ABANDONED') as offered,
                               count(*) filter (where connected_at is not null) as answered
                        from contact where channel = 'PHONE_IN' and queued_at >= ? and queued_at < ?""")
                .params(ts(from), ts(to))
                .query((rs, i) -> new long[]{rs.getLong("offered"), rs.getLong("answered")}).single();
    }

    /** Points scored and possible (100 an inspection) in scored inspections of tickets accepted in the period. */
    Map<String, BigDecimal[]> quality(KpiScope scope, Instant from, Instant to) {
        Map<String, BigDecimal[]> result = new LinkedHashMap<>();
        jdbc.sql("select " + key(scope, "t.department_id", "i.agent_username") + " as scope_key,"
                        + " coalesce(sum(i.score), 0) as points, count(*) * 100 as possible"
                        + " from qa_inspection i join ticket t on t.id = i.ticket_id"
                        + " where i.status in ('SCORED', 'ACKNOWLEDGED') and t.accepted_at >= ? and t.accepted_at < ?"
                        + " group by 1")
                .params(ts(from), ts(to))
                .query(rs -> {
                    result.put(rs.getString("scope_key"), new BigDecimal[]{rs.getBigDecimal("points"),
                            rs.getBigDecimal("possible")});
                });
        return result;
    }

    /** {team at the start + joiners, leavers} for the days [from, to). */
    long[] staff(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select count(*) filter (where kind = 'JOINED' and on_day < :to)
                             - count(*) filter (where kind = 'LEFT' and on_day < :from) as headcount,
                               count(*) filter (where kind = 'LEFT' and on_day >= :from and on_day < :to) as leavers
                        from staff_movement""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new long[]{rs.getLong("headcount"), rs.getLong("leavers")}).single();
    }

    List<MissItem> ticketMisses(String condition, String reason, Instant from, Instant to, Instant asOf,
                                String department, String agent, int limit) {
        return jdbc.sql(COHORT + "select id, number, department_id, owner_username, satisfaction, due_at, replied_at,"
                        + " sla_breached from t where " + condition + " order by number limit :limit")
                .param("from", ts(from)).param("to", ts(to)).param("asOf", ts(asOf))
                .param("department", department).param("agent", agent).param("limit", limit)
                .query((rs, i) -> new MissItem("TICKET", rs.getString("id"), rs.getString("number"),
                        rs.getString("department_id"), rs.getString("owner_username"), reason))
                .list();
    }

    static String lateCondition() {
        return DUE_OR_DONE + " and not " + ON_TIME;
    }

    List<MissItem> unansweredCalls(Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select id from contact where channel = 'PHONE_IN' and state = 'ABANDONED' and connected_at is null
                          and queued_at >= ? and queued_at < ? order by queued_at limit ?""")
                .params(ts(from), ts(to), limit)
                .query((rs, i) -> new MissItem("CALL", rs.getString("id"), null, null, null, "abandoned before an agent answered"))
                .list();
    }

    List<MissItem> lowQualityScores(BigDecimal below, Instant from, Instant to, String department, String agent, int limit) {
        return jdbc.sql("""
                        select t.id, t.number, t.department_id, i.agent_username, i.score, i.fatal
                        from qa_inspection i join ticket t on t.id = i.ticket_id
                        where i.status in ('SCORED', 'ACKNOWLEDGED') and i.score < :below
                          and t.accepted_at >= :from and t.accepted_at < :to
                          and (cast(:department as text) is null or t.department_id = :department)
                          and (cast(:agent as text) is null or i.agent_username = :agent)
                        order by t.number limit :limit""")
                .param("below", below).param("from", ts(from)).param("to", ts(to))
                .param("department", department).param("agent", agent).param("limit", limit)
                .query((rs, i) -> new MissItem("TICKET", rs.getString("id"), rs.getString("number"),
                        rs.getString("department_id"), rs.getString("agent_username"),
                        "inspection score " + rs.getBigDecimal("score").stripTrailingZeros().toPlainString()
                                + (rs.getBoolean("fatal") ? " (fatal item)" : "")))
                .list();
    }

    List<MissItem> leavers(LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("select username, on_day from staff_movement where kind = 'LEFT' and on_day >= ? and on_day < ? order by on_day, username limit ?")
                .params(from, to, limit)
                .query((rs, i) -> new MissItem("STAFF", rs.getString("username"), null, null, rs.getString("username"),
                        "left on " + rs.getDate("on_day").toLocalDate()))
                .list();
    }
}
