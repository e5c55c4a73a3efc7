package hotline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import hotline.infra.platform12345.PlatformSimulator;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabasesIT {

    @Test
    void givesEachCallerAFreshEmptyDatabaseOnADurableLogicalCluster() throws Exception {
        TestDatabase first = TestDatabases.newDatabase();
        TestDatabase second = TestDatabases.newDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl()).matches("jdbc:postgresql://.*/t_[0-9a-f]{16}");
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ticket (id int)");
            assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
            assertThat(single(s, "SHOW fsync")).isEqualTo("on");
            assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
        }
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
             Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isEqualTo("0");
        }
    }

    @Test
    void reportsWhetherDockerIsAvailableWithoutFailing() {
        boolean available = TestDatabases.dockerAvailable();
        assertThat(available).isIn(true, false);
    }

    @Test
    void startsTheSimulatorOnAFreePort() {
        try (PlatformSimulator simulator = PlatformSimulatorFixture.start(URI.create("http://localhost:1"))) {
            assertThat(simulator.port()).isPositive();
            assertThat(simulator.config().autoDispatchInterval()).isZero();
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
