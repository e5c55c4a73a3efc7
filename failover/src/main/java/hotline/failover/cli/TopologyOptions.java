package hotline.failover.cli;

import hotline.failover.lease.WitnessLeaseStore;
import hotline.failover.routing.FrontDoorRoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteDatabase;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine.Option;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the two sites, their databases, the witness and the front door are. The defaults are the local stack of
 * {@code ./hotline up}, whose third (witness) PostgreSQL on 15434 holds the database {@code hotline_witness}; a
 * witness database that does not exist yet is created on first use (any server given with {@code --witness}).
 */
public final class TopologyOptions {

    @Option(names = "--site-a", defaultValue = "http://localhost:8081", description = "site A's app (default: ${DEFAULT-VALUE})")
    URI siteA;

    @Option(names = "--site-b", defaultValue = "http://localhost:8082", description = "site B's app (default: ${DEFAULT-VALUE})")
    URI siteB;

    @Option(names = "--db-a", defaultValue = "jdbc:postgresql://localhost:15432/hotline",
            description = "site A's database (default: ${DEFAULT-VALUE})")
    String databaseA;

    @Option(names = "--db-b", defaultValue = "jdbc:postgresql://localhost:15433/hotline",
            description = "site B's database (default: ${DEFAULT-VALUE})")
    String databaseB;

    @Option(names = "--db-user", defaultValue = "postgres", description = "database user (default: ${DEFAULT-VALUE})")
    String databaseUser;

    @Option(names = "--db-password", defaultValue = "${env:HOTLINE_DB_PASSWORD:-postgres}",
            description = "database password (env HOTLINE_DB_PASSWORD)")
    String databasePassword;

    @Option(names = "--witness", defaultValue = "jdbc:postgresql://localhost:15434/hotline_witness",
            description = "the witness database holding the lease and the procedure runs, created if missing "
                    + "(default: ${DEFAULT-VALUE})")
    String witness;

    @Option(names = "--front-door", defaultValue = "http://localhost:18080",
            description = "the front door's control API (default: ${DEFAULT-VALUE})")
    URI frontDoor;

    @Option(names = "--controller-a", defaultValue = "http://localhost:18181",
            description = "site A's failover controller (default: ${DEFAULT-VALUE})")
    URI controllerA;

    @Option(names = "--controller-b", defaultValue = "http://localhost:18182",
            description = "site B's failover controller (default: ${DEFAULT-VALUE})")
    URI controllerB;

    @Option(names = "--user", defaultValue = "ops", description = "ops user of the sites (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", defaultValue = "${env:HOTLINE_OPS_PASSWORD:-demo}",
            description = "ops password (env HOTLINE_OPS_PASSWORD)")
    String password;

    @Option(names = "--timeout", defaultValue = "PT10S", converter = DurationConverter.class,
            description = "connect/request timeout of every call, ISO-8601 or seconds (default: 10 s)")
    Duration timeout;

    public HttpSiteClient site(String id) {
        return switch (id) {
            case "a" -> new HttpSiteClient("a", siteA, user, password,
                    new SiteDatabase("a", databaseA, databaseUser, databasePassword, timeout), timeout);
            case "b" -> new HttpSiteClient("b", siteB, user, password,
                    new SiteDatabase("b", databaseB, databaseUser, databasePassword, timeout), timeout);
            default -> throw new IllegalArgumentException("unknown site '" + id + "': the sites are a and b");
        };
    }

    public Map<String, URI> upstreams() {
        Map<String, URI> map = new LinkedHashMap<>();
        map.put("a", siteA);
        map.put("b", siteB);
        return map;
    }

    public FrontDoorRoutingSwitch routing() {
        return new FrontDoorRoutingSwitch(frontDoor, upstreams(), timeout);
    }

    public WitnessDatabase witnessDatabase() {
        ensureWitnessDatabase();
        return new WitnessDatabase(witness, databaseUser, databasePassword, timeout);
    }

    public WitnessLeaseStore leases(WitnessDatabase db) {
        return new WitnessLeaseStore(db, WitnessLeaseStore.DEFAULT_NAME);
    }

    public hotline.failover.witness.WitnessSwitchStore switches(WitnessDatabase db) {
        return new hotline.failover.witness.WitnessSwitchStore(db);
    }

    /** The procedures ({@code failover}, {@code failback}, resumed runs) over this topology's sites and routing. */
    public hotline.failover.controller.ProcedureFactory procedureFactory(hotline.failover.lease.LeaseStore leases,
                                                                         java.time.Clock clock, Duration drainTimeout) {
        return new hotline.failover.controller.ProcedureFactory(Map.of("a", site("a"), "b", site("b")), leases,
                routing(), clock, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(180), drainTimeout);
    }

    public URI controller(String id) {
        return id.equals("a") ? controllerA : controllerB;
    }

    /** {@code a} or {@code b}, else a usage error naming the option. */
    static String siteId(picocli.CommandLine commandLine, String option, String value) {
        if (!"a".equals(value) && !"b".equals(value)) {
            throw new picocli.CommandLine.ParameterException(commandLine, option + " must be a or b, was '" + value + "'");
        }
        return value;
    }

    static String operator() {
        return "ctl:" + System.getProperty("user.name", "unknown");
    }

    public JdbcProcedureStore procedures(WitnessDatabase db) {
        return new JdbcProcedureStore(db);
    }

    /** Creates the witness database on its server when missing (local mode; a no-op when it exists). */
    private void ensureWitnessDatabase() {
        int slash = witness.lastIndexOf('/');
        int query = witness.indexOf('?', slash);
        String name = query < 0 ? witness.substring(slash + 1) : witness.substring(slash + 1, query);
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            return;  // not a plain name: leave it to the operator
        }
        String server = witness.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : witness.substring(query));
        Properties props = new Properties();
        props.setProperty("user", databaseUser);
        props.setProperty("password", databasePassword);
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("socketTimeout", seconds);
        try (Connection c = DriverManager.getConnection(server, props);
             PreparedStatement p = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            // not fatal here (42P04: created meanwhile by someone else): if the witness is really missing or down,
            // the lease and procedure calls report it as unavailable, with the cause
        }
    }

    /** This topology as a drill target (no local stack: a failover drill is refused), load through {@code stableUrl}. */
    public hotline.failover.drill.DrillTarget drillTarget(URI stableUrl) {
        return new hotline.failover.drill.DrillTarget(stableUrl, siteA, siteB, databaseA, databaseB, databaseUser,
                databasePassword, witness, frontDoor, controllerA, controllerB, java.util.Optional.empty());
    }

    public String describe() {
        return "sites a=" + siteA + " b=" + siteB + ", witness " + witness + ", front door " + frontDoor;
    }

    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.matches("\\d+(\\.\\d+)?") ? Duration.ofMillis((long) (Double.parseDouble(value) * 1000))
                    : Duration.parse(value);
        }
    }
}
