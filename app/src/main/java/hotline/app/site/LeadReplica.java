package hotline.app.site;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which replica of this site is the <em>lead replica</em>: the one that runs the work that must run once per site
 * (the standby's CDC engine, scheduled reports, mass-complaint detection). Every replica of a site shares the
 * site's database; the lead is the replica whose session holds the PostgreSQL advisory lock
 * {@code hashtext('hotline.site.lead-replica')} there. No consensus of our own:
 *
 * <ol>
 *   <li>Each replica keeps one dedicated JDBC connection to its site's database (not from the pool: a session
 *       lock lives exactly as long as its session) and tries {@code pg_try_advisory_lock} on it, never blocking.</li>
 *   <li>The holder re-checks its connection at most once per {@code checkInterval}; a broken connection means
 *       the lock is gone with the session, so it stops being lead at once.</li>
 *   <li>The others retry at most once per {@code checkInterval} (and from a 1 s schedule, so the lead moves even
 *       when nothing asks); PostgreSQL frees the lock when the holder's session ends — replica stopped or killed,
 *       connection broken, {@code pg_terminate_backend} — and the next try elsewhere takes it.</li>
 *   <li>A dead peer host is noticed by the database through TCP keepalives, set short on the session (about 25 s),
 *       instead of the server's default of hours.</li>
 * </ol>
 *
 * <p>Invariant: at most one session holds the lock; a replica calls itself lead only while its own session was
 * alive within the last check interval. With one replica the first call makes it lead, with no delay.
 */
@Component
public class LeadReplica {

    private static final Logger log = LoggerFactory.getLogger(LeadReplica.class);

    /** The lock's name; its key is {@code hashtext} of it. */
    public static final String LOCK_NAME = "hotline.site.lead-replica";
    /** Prefix of the lock sessions' {@code application_name}, followed by the replica's host name. */
    static final String APPLICATION_NAME_PREFIX = "hotline-replica ";

    private final String url;
    private final String username;
    private final String password;
    private final String siteId;
    private final String replica;
    private final long checkIntervalNanos;
    private Connection connection;
    private long lastCheckNanos;
    private boolean checkedOnce;
    private boolean closed;
    private volatile boolean lead;

    @Autowired
    LeadReplica(Environment environment, SiteProperties site, MeterRegistry registry) {
        this(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"), site.id(), hostName(), Duration.ofSeconds(1),
                registry);
    }

    /** For tests: several "replicas" in one JVM, with their own names and check interval. */
    public LeadReplica(String url, String username, String password, String siteId, String replica,
                       Duration checkInterval, MeterRegistry registry) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.siteId = siteId;
        this.replica = replica;
        this.checkIntervalNanos = checkInterval.toNanos();
        if (registry != null) {
            Gauge.builder("hotline.site.lead.replica", this, r -> r.lead ? 1 : 0)
                    .description("1 in the replica of this site that holds the lead (runs CDC, reports, detectors)")
                    .register(registry);
        }
    }

    /** This replica's name (its host name, the pod name in Kubernetes). */
    public String replica() {
        return replica;
    }

    /**
     * The {@code application_name} of this replica's lock session: with {@code pg_locks} it tells the database itself
     * whether this replica holds the lead (a statement can require it, whatever this replica last believed).
     */
    public String sessionName() {
        return APPLICATION_NAME_PREFIX + replica;
    }

    /**
     * Whether this replica is the site's lead replica now. Cheap: the database is asked at most once per check
     * interval (is the held session still valid? else: can we take the lock?), the answer is cached in between.
     */
    public synchronized boolean isLead() {
        if (closed) {
            return false;
        }
        long now = System.nanoTime();
        if (checkedOnce && now - lastCheckNanos < checkIntervalNanos) {
            return lead;
        }
        checkedOnce = true;
        lastCheckNanos = now;
        if (lead) {
            if (valid(connection)) {
                return true;
            }
            closeConnection();
            changed(false, "its database session ended");
        }
        tryAcquire();
        return lead;
    }

    /** The last answer of {@link #isLead()}, without asking the database (for gauges and health details). */
    public boolean wasLead() {
        return lead;
    }

    /** Keeps the answer fresh (and the lead moving) when nothing else asks, e.g. at an ACTIVE site at night. */
    @Scheduled(fixedDelayString = "PT1S")
    void refresh() {
        isLead();
    }

    /**
     * The replica holding the lead, as its session names itself in {@code pg_stat_activity}, if any. For messages
     * that send ops to the lead replica.
     */
    public Optional<String> holder() {
        if (lead) {
            return Optional.of(replica);
        }
        synchronized (this) {
            if (connection == null) {
                return Optional.empty();
            }
            try (PreparedStatement p = connection.prepareStatement("""
                    select substr(a.application_name, ?) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                    where l.locktype = 'advisory' and l.granted and a.datname = current_database()
                      and a.application_name like ? limit 1""")) {
                p.setInt(1, APPLICATION_NAME_PREFIX.length() + 1);
                p.setString(2, APPLICATION_NAME_PREFIX + "%");
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                return Optional.empty();
            }
        }
    }

    private void tryAcquire() {
        try {
            if (connection == null || !valid(connection)) {
                closeConnection();
                connection = open();
            }
            try (PreparedStatement p = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                p.setString(1, LOCK_NAME);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        changed(true, "took the lock");
                    }
                }
            }
        } catch (SQLException e) {
            closeConnection();
            log.debug("lead replica lock of site {} not tried: {}", siteId, e.toString());
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        if (username != null) {
            p.setProperty("user", username);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", APPLICATION_NAME_PREFIX + replica);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(url, p);
        try (Statement s = c.createStatement()) {
            // the server notices a vanished replica host after ~25 s (default: hours) and frees the lock
            s.execute("set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3");
        } catch (SQLException e) {
            log.debug("keepalive settings refused (the server default applies): {}", e.toString());
        }
        return c;
    }

    private static boolean valid(Connection c) {
        try {
            return c != null && c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void changed(boolean nowLead, String why) {
        if (lead != nowLead) {
            lead = nowLead;
            if (nowLead) {
                log.info("replica {} is now the lead replica of site {} ({})", replica, siteId, why);
            } else {
                log.info("replica {} lost the lead of site {} ({})", replica, siteId, why);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // broken anyway: the lock went with the session
            }
            connection = null;
        }
    }

    /** Releases the lock (the session ends), so another replica takes the lead at its next try. */
    @PreDestroy
    public synchronized void close() {
        closed = true;
        closeConnection();
        changed(false, "shutting down");
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
