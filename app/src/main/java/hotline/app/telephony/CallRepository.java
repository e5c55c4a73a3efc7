package hotline.app.telephony;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

@Repository
class CallRepository {

    private final JdbcClient jdbc;

    CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CallRecord c, String site) {
        jdbc.sql("""
                        insert into call_record (id, contact_id, direction, purpose, caller, callee, agent_username, ticket_id,
                          started_at, answered_at, site)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.contactId(), c.direction().name(), c.purpose(), c.caller(), c.callee(),
                        c.agentUsername(), c.ticketId(), ts(c.startedAt()), ts(c.answeredAt()), site)
                .update();
    }

    Optional<CallRecord> find(UUID id) {
        return jdbc.sql("select * from call_record where id = ?").param(id).query(CallRepository::map).optional();
    }

    Optional<CallRecord> lock(UUID id) {
        return jdbc.sql("select * from call_record where id = ? for update").param(id).query(CallRepository::map).optional();
    }

    Optional<CallRecord> findByContact(UUID contactId) {
        return jdbc.sql("select * from call_record where contact_id = ? order by started_at desc limit 1")
                .param(contactId).query(CallRepository::map).optional();
    }

    void answered(UUID id, String agent, Instant at) {
        jdbc.sql("update call_record set answered_at = coalesce(answered_at, ?), agent_username = coalesce(agent_username, ?) where id = ?")
                .params(ts(at), agent, id).update();
    }

    void ended(UUID id, Instant at, UUID recordingId) {
        jdbc.sql("update call_record set ended_at = ?, recording_id = ? where id = ?").params(ts(at), recordingId, id).update();
    }

    private static CallRecord map(ResultSet rs, int row) throws SQLException {
        return new CallRecord(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                CallRecord.Direction.valueOf(rs.getString("direction")), rs.getString("purpose"), rs.getString("caller"),
                rs.getString("callee"), rs.getString("agent_username"), rs.getObject("ticket_id", UUID.class),
                instant(rs, "started_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                rs.getObject("recording_id", UUID.class));
    }
}
