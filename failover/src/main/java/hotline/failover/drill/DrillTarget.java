package hotline.failover.drill;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import hotline.failover.routing.FrontDoorRoutingSwitch;
import hotline.failover.routing.RoutingSwitch;
import hotline.infra.local.LocalStack;

/**
 * Where a drill runs: the stable URL the load goes through, both sites, their databases, the witness, the routing
 * switch, the controllers and the {@code ctl} options that reach the same topology; and, in local mode, the
 * {@link LocalStack} whose site processes a failover drill kills and restarts for real.
 *
 * @param databases  each site's database as the drill may read it (RPO and integrity checks), by site id
 * @param witness    the witness database (procedure runs, for the step timings in the evidence)
 * @param routing    the routing switch that carries the stable URL (front door locally, Kubernetes objects in a cluster)
 * @param ctlOptions the {@code ctl} arguments that point the ops CLI at this target
 */
public record DrillTarget(URI stableUrl, URI siteA, URI siteB, Map<String, DatabaseAccess> databases,
                          DatabaseAccess witness, Supplier<RoutingSwitch> routing, URI controllerA, URI controllerB,
                          List<String> ctlOptions, Optional<LocalStack> stack) {

    /** A JDBC URL with the credentials the drill uses for it. */
    public record DatabaseAccess(String url, String user, String password) {
        public Connection open() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public String toString() {
            return url + " as " + user;   // never the password
        }
    }

    /** The local stack as {@code ./hotline up} (or the drill itself) started it. */
    public static DrillTarget of(LocalStack stack) {
        String user = stack.postgresA().user();
        String password = stack.postgresA().password();
        URI siteA = stack.siteA().spec().baseUrl();
        URI siteB = stack.siteB().spec().baseUrl();
        String witness = stack.witness().jdbcUrl(LocalStack.WITNESS_DATABASE);
        URI frontDoorControl = URI.create("http://127.0.0.1:" + stack.frontDoor().managementPort());
        URI controllerA = stack.controllerA() == null ? URI.create("http://127.0.0.1:1") : stack.controllerA().baseUrl();
        URI controllerB = stack.controllerB() == null ? URI.create("http://127.0.0.1:1") : stack.controllerB().baseUrl();
        return new DrillTarget(URI.create("http://localhost:" + stack.frontDoor().port()), siteA, siteB,
                Map.of("a", new DatabaseAccess(stack.postgresA().jdbcUrl(), user, password),
                        "b", new DatabaseAccess(stack.postgresB().jdbcUrl(), user, password)),
                new DatabaseAccess(witness, user, password),
                () -> new FrontDoorRoutingSwitch(frontDoorControl, Map.of("a", siteA, "b", siteB), Duration.ofSeconds(5)),
                controllerA, controllerB,
                List.of("--site-a=" + siteA, "--site-b=" + siteB, "--db-a=" + stack.postgresA().jdbcUrl(),
                        "--db-b=" + stack.postgresB().jdbcUrl(), "--db-user=" + user, "--db-password=" + password,
                        "--witness=" + witness, "--front-door=" + frontDoorControl, "--controller-a=" + controllerA,
                        "--controller-b=" + controllerB),
                Optional.of(stack));
    }

    public URI site(String id) {
        return id.equals("a") ? siteA : siteB;
    }

    public Connection database(String id) throws SQLException {
        DatabaseAccess access = databases.get(id);
        if (access == null) {
            throw new IllegalArgumentException("no database known for site '" + id + "' (sites: " + databases.keySet() + ")");
        }
        return access.open();
    }

    public URI controller(String id) {
        return id.equals("a") ? controllerA : controllerB;
    }
}
