package hotline.failover.site;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a controller reads directly from a site's PostgreSQL: its WAL position and how far the peer's CDC slot has
 * confirmed it. Every call opens a fresh connection with short connect, socket and statement timeouts; any failure is
 * {@link SiteUnreachableException} (the database is an answer or it is not, never a wait). Read-only.
 */
public final class SiteDatabase {

    private final String site;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Duration timeout;

    public SiteDatabase(String site, String jdbcUrl, String user, String password, Duration timeout) {
        this.site = Objects.requireNonNull(site, "site");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the site database timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
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

    public String describe() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    private OptionalLong queryLong(String what, String sql, String parameter) {
        try (Connection c = open(); PreparedStatement p = c.prepareStatement(sql)) {
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

    private Connection open() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        props.setProperty("socketTimeout", seconds);
        props.setProperty("options", "-c statement_timeout=" + timeout.toMillis());
        props.setProperty("ApplicationName", "hotline-failover");
        props.setProperty("readOnly", "true");
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        }
        return c;
    }
}
