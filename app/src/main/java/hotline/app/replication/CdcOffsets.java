package hotline.app.replication;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code replication_offset} row: where CDC from a source stands, written with the rows it covers. With it,
 * in the same transaction, the source's <em>watermark</em> ({@code quarantine_source_watermark}): the source
 * commit time of the last source transaction applied here. The offset is forgotten when this site is promoted;
 * the watermark is kept, because it is what the old active compares its own commit timestamps with when it comes
 * back (everything it committed up to the watermark reached this site, CDC applying in commit order).
 */
@Component
class CdcOffsets {

    record Position(Long lsn, Long sourceTx, Instant sourceCommit, Instant appliedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonConverter converter = new JsonConverter();

    CdcOffsets(JdbcClient jdbc) {
        this.jdbc = jdbc;
        // the format the engine's own offset converter uses: plain JSON, no schemas
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
    }

    void write(Connection connection, String sourceSite, String engineName, SourceRecord record, Instant sourceCommit)
            throws SQLException {
        Map<String, ?> offset = record.sourceOffset();
        String key = new String(converter.fromConnectData(engineName, null,
                java.util.Arrays.asList(engineName, record.sourcePartition())), StandardCharsets.UTF_8);
        String value = new String(converter.fromConnectData(engineName, null, offset), StandardCharsets.UTF_8);
        // only while this site is STANDBY: an apply that finishes after a promotion (a batch stuck on a lock while the
        // site was promoted) must not leave an offset behind — the next standby period would trust a stale position
        try (PreparedStatement p = connection.prepareStatement("""
                insert into replication_offset (source_site, offset_key, offset_value, last_lsn, last_source_tx,
                                                last_source_commit, applied_at)
                select ?, ?, ?, ?::bigint, ?::bigint, ?::timestamptz, now()
                where exists (select 1 from site_state where role = 'STANDBY')
                on conflict (source_site) do update set offset_key = excluded.offset_key,
                    offset_value = excluded.offset_value, last_lsn = coalesce(excluded.last_lsn, replication_offset.last_lsn),
                    last_source_tx = coalesce(excluded.last_source_tx, replication_offset.last_source_tx),
                    last_source_commit = coalesce(excluded.last_source_commit, replication_offset.last_source_commit),
                    applied_at = now()""")) {
            p.setString(1, sourceSite);
            p.setString(2, key);
            p.setString(3, value);
            p.setObject(4, highestLsn(offset));
            p.setObject(5, asLong(offset.get("txId")));
            p.setTimestamp(6, sourceCommit == null ? null : Timestamp.from(sourceCommit));
            p.executeUpdate();
        }
        if (sourceCommit != null) {
            try (PreparedStatement p = connection.prepareStatement("""
                    insert into quarantine_source_watermark (source_site, last_source_commit, last_source_tx, last_lsn,
                                                             standby_epoch, applied_at)
                    values (?, ?, ?, ?, coalesce((select epoch from site_state), 0), now())
                    on conflict (source_site) do update set last_source_commit = excluded.last_source_commit,
                        last_source_tx = excluded.last_source_tx, last_lsn = excluded.last_lsn,
                        standby_epoch = excluded.standby_epoch, applied_at = excluded.applied_at""")) {
                p.setString(1, sourceSite);
                p.setTimestamp(2, Timestamp.from(sourceCommit));
                p.setObject(3, asLong(offset.get("txId")));
                p.setObject(4, highestLsn(offset));
                p.executeUpdate();
            }
        }
    }

    /** The offset the engine resumes from: the stored one as {@link #resumePoint(Map)} hands it over. */
    byte[] committedValue(String sourceSite) {
        return jdbc.sql("select offset_value from replication_offset where source_site = :s").param("s", sourceSite)
                .query(String.class).optional().map(this::resumePoint).orElse(null);
    }

    private byte[] resumePoint(String storedValue) {
        Object stored = converter.toConnectData("resume", storedValue.getBytes(StandardCharsets.UTF_8)).value();
        if (!(stored instanceof Map<?, ?> offset)) {
            return storedValue.getBytes(StandardCharsets.UTF_8);
        }
        return converter.fromConnectData("resume", null, resumePoint(offset));
    }

    /**
     * The stored offset without {@code lsn_proc} and {@code lsn_commit}, so that the PostgreSQL connector starts
     * streaming at {@code lsn} and does not search the stream for its "last processed event".
     *
     * <p>Why: the offset stored here is always a transaction boundary (the END of the last applied transaction,
     * or a heartbeat between transactions). Its {@code lsn_proc} is that commit's end LSN, which is also the start
     * LSN of the next WAL record — often a change of a concurrent transaction that commits later. Debezium's
     * {@code WalPositionLocator} takes that change for the last processed event and resumes after it: the change
     * is skipped and lost (found by the chaos drill: rows of a multi-row transaction missing at the standby after an
     * apply failure restarted the engine). Started at the commit's end LSN without a search, PostgreSQL sends every
     * transaction that commits after it, whole, as it does for its own subscribers; a transaction sent twice is
     * harmless (the apply is idempotent).
     */
    static Map<String, Object> resumePoint(Map<?, ?> storedOffset) {
        Map<String, Object> resume = new LinkedHashMap<>();
        storedOffset.forEach((key, value) -> resume.put(String.valueOf(key), value));
        if (resume.get("lsn") != null) {
            resume.remove("lsn_proc");
            resume.remove("lsn_commit");
        }
        return resume;
    }

    boolean exists(String sourceSite) {
        return jdbc.sql("select count(*) from replication_offset where source_site = :s").param("s", sourceSite)
                .query(Long.class).single() > 0;
    }

    Optional<Position> position(String sourceSite) {
        return jdbc.sql("select last_lsn, last_source_tx, last_source_commit, applied_at from replication_offset where source_site = :s")
                .param("s", sourceSite)
                .query((rs, n) -> new Position((Long) rs.getObject(1), (Long) rs.getObject(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
                .optional();
    }

    void clear(String sourceSite) {
        jdbc.sql("delete from replication_offset where source_site = :s").param("s", sourceSite).update();
    }

    /** The furthest position the offset covers: the slot's confirmed position never passes it. */
    private static Long highestLsn(Map<String, ?> offset) {
        Long best = null;
        for (String key : new String[]{"lsn", "lsn_commit", "lsn_proc"}) {
            Long value = asLong(offset.get(key));
            if (value != null && (best == null || value > best)) {
                best = value;
            }
        }
        return best;
    }

    private static Long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
