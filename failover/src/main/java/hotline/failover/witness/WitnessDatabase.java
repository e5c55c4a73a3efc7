package hotline.failover.witness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Connections to the witness PostgreSQL (local mode's lease authority), each with short finite timeouts: connecting,
 * every socket read, and every statement. A witness that does not answer in time is an answer ("unreachable"),
 * never a wait: the ACTIVE site's renew deadline keeps running.
 */
public final class WitnessDatabase {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Duration timeout;

    public WitnessDatabase(String jdbcUrl, String user, String password, Duration timeout) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the witness timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** A new connection (autocommit on); callers close it. */
    public Connection open() throws SQLException {
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
        props.setProperty("options", "-c statement_timeout=" + timeout.toMillis() + " -c lock_timeout=" + timeout.toMillis());
        props.setProperty("ApplicationName", "hotline-failover");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** The URL without credentials, for logs and {@code ctl status}. */
    public String describe() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***") + " (timeout " + timeout.toMillis() + " ms)";
    }
}
