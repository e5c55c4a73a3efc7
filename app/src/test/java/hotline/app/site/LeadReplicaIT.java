package hotline.app.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.testsupport.TestDatabase;
import hotline.testsupport.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of one site on one real PostgreSQL database: the advisory lock makes exactly one of them the lead, and
 * the lead moves when its session ends. Check interval zero, so "the next call" really asks the database.
 */
class LeadReplicaIT {

    private final TestDatabase database = TestDatabases.newDatabase();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeadReplica first = replica("replica-1", meters);
    private final LeadReplica second = replica("replica-2", null);

    private LeadReplica replica(String name, SimpleMeterRegistry registry) {
        return new LeadReplica(database.jdbcUrl(), database.username(), database.password(), "a", name, Duration.ZERO,
                registry);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void exactlyOneOfTwoReplicasIsLeadAndTheOtherNamesIt() {
        assertThat(first.isLead()).as("first caller takes the lead at once").isTrue();
        assertThat(second.isLead()).isFalse();
        assertThat(first.isLead()).isTrue();
        assertThat(second.isLead()).isFalse();

        assertThat(second.holder()).contains("replica-1");
        assertThat(meters.get("hotline.site.lead.replica").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void theOtherReplicaTakesTheLeadOnceTheLeadHasClosedItsSession() {
        assertThat(first.isLead()).isTrue();
        assertThat(second.isLead()).isFalse();

        first.close();

        assertThat(first.isLead()).isFalse();
        assertThat(meters.get("hotline.site.lead.replica").gauge().value()).isZero();
        // the server frees the lock when the closed session's backend exits, a moment after the client's close
        await("second replica takes the lead after the first one closed its session").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(second::isLead);
    }

    @Test
    void theLeadMovesWhenTheLeadsBackendIsTerminated() throws Exception {
        assertThat(first.isLead()).isTrue();
        assertThat(second.isLead()).isFalse();

        try (Connection ops = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement s = ops.createStatement();
             ResultSet rs = s.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity "
                     + "where application_name = '" + LeadReplica.APPLICATION_NAME_PREFIX + "replica-1'")) {
            assertThat(rs.next()).as("the lead's session is visible").isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        // termination is asynchronous: the lock is free once the backend has exited
        await("second replica takes the lead after the first one's backend died").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(second::isLead);

        assertThat(first.isLead()).as("the first replica sees its session gone and the lock held elsewhere").isFalse();
        assertThat(first.holder()).contains("replica-2");
    }
}
