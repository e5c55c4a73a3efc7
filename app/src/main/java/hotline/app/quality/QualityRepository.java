package hotline.app.quality;

import hotline.app.quality.model.SampleReason;
import hotline.app.quality.model.SamplingPlan.Candidate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

@Repository
class QualityRepository {

    private final JdbcClient jdbc;

    QualityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tickets accepted in [from, to) that an agent or the lead owns, with what targeted sampling looks at. */
    List<Candidate> candidates(Instant from, Instant to) {
        return jdbc.sql("""
                        select t.id, t.number, t.owner_username, t.satisfaction = 'DISSATISFIED' as dissatisfied,
                               exists (select 1 from ticket_event e where e.ticket_id = t.id
                                         and e.action in ('REQUEST_RETURN', 'SEND_BACK')) as returned
                        from ticket t join account a on a.username = t.owner_username and a.role in ('AGENT', 'LEAD')
                        where t.accepted_at >= ? and t.accepted_at < ?""")
                .params(ts(from), ts(to))
                .query((rs, i) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getString("owner_username"), rs.getBoolean("dissatisfied"), rs.getBoolean("returned")))
                .list();
    }

    record Sample(UUID id, LocalDate month, long seed, int randomPerAgent, Instant createdAt, String createdBy) {
    }

    Optional<Sample> findSample(LocalDate month) {
        return jdbc.sql("select * from qa_sample where month = ?").param(month)
                .query((rs, i) -> new Sample(rs.getObject("id", UUID.class), rs.getDate("month").toLocalDate(),
                        rs.getLong("seed"), rs.getInt("random_per_agent"), instant(rs, "created_at"),
                        rs.getString("created_by")))
                .optional();
    }

    /** Creates the month's sample; false if it already exists (one sample a month). */
    boolean insertSample(Sample s) {
        return jdbc.sql("""
                        insert into qa_sample (id, month, seed, random_per_agent, created_at, created_by)
                        values (?, ?, ?, ?, ?, ?) on conflict (month) do nothing""")
                .params(s.id(), s.month(), s.seed(), s.randomPerAgent(), ts(s.createdAt()), s.createdBy())
                .update() == 1;
    }

    void insertInspection(UUID sampleId, Candidate c, SampleReason reason) {
        jdbc.sql("""
                        insert into qa_inspection (id, sample_id, ticket_id, recording_id, agent_username, reason, status)
                        values (?, ?, ?, (select r.id from ticket t join recording r on r.contact_id = t.contact_id
                                          where t.id = ? order by r.started_at desc limit 1), ?, ?, 'PENDING')""")
                .params(UUID.randomUUID(), sampleId, c.ticketId(), c.ticketId(), c.agent(), reason.name())
                .update();
    }

    static final String INSPECTION = """
            select i.*, t.number as ticket_number, s.month from qa_inspection i
            join ticket t on t.id = i.ticket_id join qa_sample s on s.id = i.sample_id
            """;

    List<Inspection> inspectionsOf(UUID sampleId) {
        return jdbc.sql(INSPECTION + " where i.sample_id = ? order by i.agent_username, t.number").param(sampleId)
                .query(QualityRepository::map).list();
    }

    List<Inspection> inspectionsOfAgent(String username) {
        return jdbc.sql(INSPECTION + " where i.agent_username = ? and i.status in ('SCORED', 'ACKNOWLEDGED')"
                        + " order by s.month desc, t.number").param(username)
                .query(QualityRepository::map).list();
    }

    Optional<Inspection> findInspection(UUID id) {
        return jdbc.sql(INSPECTION + " where i.id = ?").param(id).query(QualityRepository::map).optional();
    }

    void saveScore(UUID id, BigDecimal score, boolean fatal, String itemPoints, String fatalItems, String comment,
                   String inspector, Instant at) {
        jdbc.sql("""
                        update qa_inspection set status = 'SCORED', score = ?, fatal = ?, item_points = ?, fatal_items = ?,
                          comment = ?, inspector = ?, scored_at = ?, acknowledged_at = null where id = ?""")
                .params(score, fatal, itemPoints, fatalItems, comment, inspector, ts(at), id).update();
    }

    boolean acknowledge(UUID id, String username, Instant at) {
        return jdbc.sql("""
                        update qa_inspection set status = 'ACKNOWLEDGED', acknowledged_at = ?
                        where id = ? and agent_username = ? and status = 'SCORED'""")
                .params(ts(at), id, username).update() == 1;
    }

    private static Inspection map(ResultSet rs, int row) throws SQLException {
        return new Inspection(rs.getObject("id", UUID.class), rs.getDate("month").toLocalDate().toString().substring(0, 7),
                rs.getObject("ticket_id", UUID.class), rs.getString("ticket_number"),
                rs.getObject("recording_id", UUID.class), rs.getString("agent_username"),
                SampleReason.valueOf(rs.getString("reason")), rs.getString("status"), rs.getBigDecimal("score"),
                rs.getBoolean("fatal"), rs.getString("item_points"), rs.getString("fatal_items"),
                rs.getString("comment"), rs.getString("inspector"), instant(rs, "scored_at"),
                instant(rs, "acknowledged_at"));
    }
}
