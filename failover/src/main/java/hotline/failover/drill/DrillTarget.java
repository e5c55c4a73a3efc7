package hotline.failover.drill;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import hotline.infra.local.LocalStack;

/**
 * Where a drill runs: the stable URL the load goes through, both sites, their databases, the witness, the front
 * door's control API and the controllers; and, in local mode, the {@link LocalStack} whose site processes a failover
 * drill kills and restarts for real.
 */
public record DrillTarget(URI stableUrl, URI siteA, URI siteB, String databaseA, String databaseB, String dbUser,
                          String dbPassword, String witness, URI frontDoorControl, URI controllerA, URI controllerB,
                          Optional<LocalStack> stack) {

    /** The local stack as {@code ./hotline up} (or the drill itself) started it. */
    public static DrillTarget of(LocalStack stack) {
        return new DrillTarget(URI.create("http://localhost:" + stack.frontDoor().port()),
                stack.siteA().spec().baseUrl(), stack.siteB().spec().baseUrl(),
                stack.postgresA().jdbcUrl(), stack.postgresB().jdbcUrl(), stack.postgresA().user(),
                stack.postgresA().password(), stack.witness().jdbcUrl(LocalStack.WITNESS_DATABASE),
                URI.create("http://127.0.0.1:" + stack.frontDoor().managementPort()),
                stack.controllerA() == null ? URI.create("http://127.0.0.1:1") : stack.controllerA().baseUrl(),
                stack.controllerB() == null ? URI.create("http://127.0.0.1:1") : stack.controllerB().baseUrl(),
                Optional.of(stack));
    }

    public URI site(String id) {
        return id.equals("a") ? siteA : siteB;
    }

    public Connection database(String id) throws SQLException {
        return DriverManager.getConnection(id.equals("a") ? databaseA : databaseB, dbUser, dbPassword);
    }

    /** The {@code ctl} options that point the ops CLI at this target. */
    public List<String> ctlOptions() {
        List<String> options = new ArrayList<>(List.of("--site-a=" + siteA, "--site-b=" + siteB, "--db-a=" + databaseA,
                "--db-b=" + databaseB, "--db-user=" + dbUser, "--db-password=" + dbPassword, "--witness=" + witness,
                "--front-door=" + frontDoorControl, "--controller-a=" + controllerA, "--controller-b=" + controllerB));
        return options;
    }
}
