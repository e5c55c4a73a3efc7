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

    /**
     * A connection (autocommit on); callers close it, which hands it back for reuse. An idle connection is reused
     * (checked with a round trip when it sat idle longer than {@link #VALIDATE_AFTER}); one that broke is dropped:
     * pgjdbc closes a connection on I/O errors and socket timeouts. Reuse matters on the switchover's critical path,
     * where every step persists its progress and reads the lease: a fresh PostgreSQL backend per call costs more than
     * the call.
     */
    public Connection open() throws SQLException {
        while (true) {
            Idle idle;
            synchronized (this.idle) {
                idle = this.idle.pollFirst();
            }
            if (idle == null) {
                return reusable(connect());
            }
            boolean fresh = System.nanoTime() - idle.since() < VALIDATE_AFTER.toNanos();
            try {
                if (!idle.connection().isClosed() && (fresh || idle.connection().isValid(timeoutSeconds()))) {
                    return reusable(idle.connection());
                }
            } catch (SQLException e) {
                // broken: drop it and try the next one
            }
            closeQuietly(idle.connection());
        }
    }

    /** Idle connections older than this are checked with a round trip before reuse. */
    static final Duration VALIDATE_AFTER = Duration.ofMillis(500);
    private static final int MAX_IDLE = 4;

    private record Idle(Connection connection, long since) {
    }

    private final java.util.ArrayDeque<Idle> idle = new java.util.ArrayDeque<>();

    private int timeoutSeconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** A view of {@code real} whose {@code close()} hands it back (rolled back, autocommit on) instead of closing. */
    private Connection reusable(Connection real) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new java.lang.reflect.InvocationHandler() {
                    private boolean returned;

                    @Override
                    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            if (!returned) {
                                returned = true;
                                giveBack(real);
                            }
                            return null;
                        }
                        if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
                            return returned || real.isClosed();
                        }
                        if (returned) {
                            throw new SQLException("connection already closed");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private void giveBack(Connection real) {
        try {
            if (real.isClosed()) {
                return;
            }
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(real);
            return;
        }
        synchronized (idle) {
            if (idle.size() < MAX_IDLE) {
                idle.addFirst(new Idle(real, System.nanoTime()));
                return;
            }
        }
        closeQuietly(real);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private Connection connect() throws SQLException {
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
