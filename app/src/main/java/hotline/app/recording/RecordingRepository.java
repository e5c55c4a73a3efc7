package hotline.app.recording;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.ts;

@Repository
class RecordingRepository {

    private final JdbcClient jdbc;

    RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Recording r, String site) {
        jdbc.sql("""
                        insert into recording (id, call_id, contact_id, agent_username, storage_path, sha256, size_bytes,
                          duration_ms, content_type, started_at, created_at, site)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.callId(), r.contactId(), r.agentUsername(), r.storagePath(), r.sha256(), r.sizeBytes(),
                        r.durationMs(), r.contentType(), ts(r.startedAt()), ts(r.createdAt()), site)
                .update();
    }

    Optional<Recording> find(UUID id) {
        return jdbc.sql("select * from recording where id = ?").param(id).query(RecordingRepository::map).optional();
    }

    List<Recording> search(Instant from, Instant to, String agent, UUID contactId, int limit) {
        StringBuilder sql = new StringBuilder("select * from recording where true");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" and started_at >= ?");
            params.add(ts(from));
        }
        if (to != null) {
            sql.append(" and started_at < ?");
            params.add(ts(to));
        }
        if (agent != null) {
            sql.append(" and agent_username = ?");
            params.add(agent);
        }
        if (contactId != null) {
            sql.append(" and contact_id = ?");
            params.add(contactId);
        }
        sql.append(" order by started_at desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(RecordingRepository::map).list();
    }

    void audit(UUID recordingId, String username, String role, String outcome, Instant at, String site) {
        jdbc.sql("""
                        insert into recording_access (id, recording_id, username, role, outcome, at, site)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), recordingId, username, role, outcome, ts(at), site).update();
    }

    private static Recording map(ResultSet rs, int row) throws SQLException {
        return new Recording(rs.getObject("id", UUID.class), rs.getObject("call_id", UUID.class),
                rs.getObject("contact_id", UUID.class), rs.getString("agent_username"), rs.getString("storage_path"),
                rs.getString("sha256"), rs.getLong("size_bytes"), rs.getLong("duration_ms"), rs.getString("content_type"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
