package hotline.failover.cli;

import hotline.failover.controller.ControllerComponents;
import hotline.failover.drill.DrillTarget;
import hotline.failover.drill.DrillTarget.DatabaseAccess;
import hotline.failover.controller.ControllerProperties;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.WitnessLeaseStore;
import hotline.failover.routing.FrontDoorRoutingSwitch;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.HttpSiteClient;
import hotline.failover.site.SiteDatabase;
import hotline.failover.witness.JdbcProcedureStore;
import hotline.failover.witness.WitnessDatabase;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the two sites, their databases, the witness and the front door are. The defaults are the local stack of
 * {@code ./hotline up}, whose third (witness) PostgreSQL on 15434 holds the database {@code hotline_witness}; a
 * witness database that does not exist yet is created on first use (any server given with {@code --witness}).
 *
 * <p>{@code --controller-config FILE} replaces all of that with a controller's own configuration (the Helm chart's
 * {@code /etc/hotline/failover.yaml}, passwords from the controller's {@code HOTLINE_FAILOVER_…} environment): the
 * sites, databases and witness it uses, and its lease store and routing switch, on Kubernetes the Lease and the
 * {@code hotline-active} Service/ConfigMap through the pod's ServiceAccount. That is how ops run {@code ctl} inside the
 * controller pod ({@code kubectl exec deploy/hotline-failover -- /opt/hotline/hotline ctl status}) and how the
 * chart's drill CronJob reaches the sites.
 */
public final class TopologyOptions {

    @Option(names = "--controller-config", defaultValue = "${env:HOTLINE_CONTROLLER_CONFIG}",
            description = "a failover controller's configuration file (the chart's /etc/hotline/failover.yaml): sites, "
                    + "databases, witness, lease store and routing as that controller uses them; the other topology "
                    + "options are then ignored (env HOTLINE_CONTROLLER_CONFIG)")
    Path controllerConfig;

    private ControllerComponents fromController;

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

    /** The controller configuration's components, or null without {@code --controller-config}. */
    private ControllerComponents fromController() {
        if (controllerConfig != null && !controllerConfig.toString().isBlank() && fromController == null) {
            fromController = ControllerComponents.load(controllerConfig, new java.util.HashMap<>(System.getenv()));
        }
        return fromController;
    }

    public HttpSiteClient site(String id) {
        if (fromController() != null) {
            return fromController().siteClient(id);
        }
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

    public RoutingSwitch routing() {
        if (fromController() != null) {
            return fromController().routingSwitch();
        }
        return new FrontDoorRoutingSwitch(frontDoor, upstreams(), timeout);
    }

    public WitnessDatabase witnessDatabase() {
        if (fromController() != null) {
            return fromController().witness();
        }
        ensureWitnessDatabase();
        return new WitnessDatabase(witness, databaseUser, databasePassword, timeout);
    }

    public LeaseStore leases(WitnessDatabase db) {
        if (fromController() != null) {
            return fromController().leaseStore(db);
        }
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
        if (fromController() != null) {
            ControllerComponents c = fromController();
            return id.equals(c.site()) ? c.properties().controllerUrl() : c.properties().peerControllerUrl();
        }
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
    public DrillTarget drillTarget(URI stableUrl) {
        Map<String, DatabaseAccess> databases = new LinkedHashMap<>();
        if (fromController() != null) {
            ControllerComponents c = fromController();
            ControllerProperties p = c.properties();
            databases.put(c.site(), new DatabaseAccess(p.database().url(),
                    p.database().username(), p.database().password()));
            databases.put(c.peerSite(), new DatabaseAccess(p.peerDatabase().url(),
                    p.peerDatabase().username(), p.peerDatabase().password()));
            return new DrillTarget(stableUrl, site("a").baseUrl(), site("b").baseUrl(), databases,
                    new DatabaseAccess(p.lease().witnessUrl(),
                            p.lease().witnessUsername(), p.lease().witnessPassword()),
                    c::routingSwitch, controller("a"), controller("b"),
                    List.of("--controller-config=" + controllerConfig), Optional.empty());
        }
        databases.put("a", new DatabaseAccess(databaseA, databaseUser, databasePassword));
        databases.put("b", new DatabaseAccess(databaseB, databaseUser, databasePassword));
        return new DrillTarget(stableUrl, siteA, siteB, databases,
                new DatabaseAccess(witness, databaseUser, databasePassword),
                this::routing, controllerA, controllerB, ctlOptions(), Optional.empty());
    }

    /** These options as {@code ctl} arguments (the drill runs ctl commands against the same topology). */
    private List<String> ctlOptions() {
        return List.of("--site-a=" + siteA, "--site-b=" + siteB, "--db-a=" + databaseA, "--db-b=" + databaseB,
                "--db-user=" + databaseUser, "--db-password=" + databasePassword, "--witness=" + witness,
                "--front-door=" + frontDoor, "--controller-a=" + controllerA, "--controller-b=" + controllerB,
                "--user=" + user, "--password=" + password, "--timeout=" + timeout);
    }

    public String describe() {
        if (fromController() != null) {
            return "sites and lease as the controller of site " + fromController().site() + " sees them ("
                    + controllerConfig + "): lease " + fromController().properties().lease().store() + ", routing "
                    + fromController().properties().routing().kind();
        }
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
