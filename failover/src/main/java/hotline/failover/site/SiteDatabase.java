package hotline.failover.site;

import hotline.failover.witness.WitnessDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a controller reads directly from a site's PostgreSQL: its WAL position and how far the peer's CDC slot has
 * confirmed it. Every call has short connect, socket and statement timeouts (connections are reused); any failure is
 * {@link SiteUnreachableException} (the database is an answer or it is not, never a wait). The only write is the
 * best-effort heartbeat nudge ({@link #touchHeartbeat}).
 */
public final class SiteDatabase {

    private final String site;
    private final String jdbcUrl;
    /** Same short connect/socket/statement timeouts and connection reuse as the witness's. */
    private final WitnessDatabase connections;

    public SiteDatabase(String site, String jdbcUrl, String user, String password, Duration timeout) {
        this.site = Objects.requireNonNull(site, "site");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the site database timeout must be positive, was " + timeout);
        }
        this.connections = new WitnessDatabase(jdbcUrl, user, password, timeout);
    }

    /** {@code pg_current_wal_lsn()} as a number (the same numbering as Debezium's LSN in the standby's offsets). */
    public long currentWalPosition() {
        return queryLong("current WAL position", "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", null)
                .orElseThrow(() -> new SiteUnreachableException("site " + site + "'s database gave no WAL position"));
    }

    /**
     * How far the peer's CDC has confirmed reading this database: {@code confirmed_flush_lsn} of the logical slot
     * {@code slot}; empty when the slot does not exist (or never confirmed anything). The peer confirms a position
     * only after it applied and stored the offset, so this is a lower bound of what the peer has applied.
     */
    public OptionalLong confirmedFlushPosition(String slot) {
        return queryLong("slot " + slot, "select pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint "
                + "from pg_replication_slots where slot_name = ?", slot);
    }

    /**
     * Upserts this site's row of {@code replication_heartbeat} (what the peer's Debezium heartbeat does every second):
     * a replicated change the peer's CDC applies within its latency. Best effort: any failure is ignored.
     */
    public void touchHeartbeat() {
        try (Connection c = connections.open(); PreparedStatement p = c.prepareStatement(
                "insert into replication_heartbeat (site_id, beat_at) values (?, now()) "
                        + "on conflict (site_id) do update set beat_at = excluded.beat_at")) {
            p.setString(1, site);
            p.executeUpdate();
        } catch (SQLException e) {
            // the peer's own heartbeat comes within a second anyway
        }
    }

    public String describe() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    private OptionalLong queryLong(String what, String sql, String parameter) {
        try (Connection c = connections.open(); PreparedStatement p = c.prepareStatement(sql)) {
            if (parameter != null) {
                p.setString(1, parameter);
            }
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long value = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
        } catch (SQLException e) {
            throw new SiteUnreachableException("site " + site + "'s database (" + describe() + ") did not answer ("
                    + what + "): " + e.getMessage(), e);
        }
    }

}
