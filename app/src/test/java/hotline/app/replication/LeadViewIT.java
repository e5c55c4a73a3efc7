package hotline.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hotline.app.site.LeadReplica;
import hotline.app.support.TwoSites;
import hotline.testsupport.TestDatabase;
import hotline.testsupport.TestDatabases;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lead replica's published replication view on a real, migrated PostgreSQL database, with two replicas of site a
 * competing for the lead lock: who may publish, what another replica serves from it, and when it is too old to serve.
 */
class LeadViewIT {

    private static final String STREAMING_VIEW = """
            {"site":"a","role":"STANDBY","epoch":3,"replica":"replica-1","leadReplica":true,"cdcState":"STREAMING",
             "cdcReason":"streaming from slot hotline_to_a","consistentPrefix":true,"lagSeconds":0.02,"lagSamples":7,
             "slot":{"name":"hotline_to_a","exists":true,"active":true}}""";
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final TestDatabase database = TestDatabases.newDatabase();
    private final JsonMapper json = JsonMapper.builder().build();
    private JdbcClient jdbc;
    private LeadViewStore store;
    private LeadReplica first;
    private LeadReplica second;

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration").load().migrate();
        jdbc = TwoSites.jdbc(database);
        store = new LeadViewStore(jdbc);
        first = replica("replica-1");
        second = replica("replica-2");
    }

    private LeadReplica replica(String name) {
        return new LeadReplica(database.jdbcUrl(), database.username(), database.password(), "a", name, Duration.ZERO, null);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void onlyTheReplicaWhoseSessionHoldsTheLeadLockPublishesAndTheNextLeadReplacesItsView() {
        assertThat(first.isLead()).isTrue();
        assertThat(second.isLead()).isFalse();

        assertThat(store.publish("a", "replica-2", second.sessionName(), STREAMING_VIEW))
                .as("a replica without the lock cannot publish, whatever it believes").isFalse();
        assertThat(store.read("a")).isEmpty();
        assertThat(store.publish("a", "replica-1", first.sessionName(), STREAMING_VIEW)).isTrue();
        assertThat(store.read("a")).hasValueSatisfying(p -> {
            assertThat(p.replica()).isEqualTo("replica-1");
            assertThat(p.ageSeconds()).isBetween(0.0, 1.0);
        });

        first.close();
        await("replica-2 takes the lead").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(second::isLead);
        assertThat(store.publish("a", "replica-1", first.sessionName(), STREAMING_VIEW.replace("STREAMING", "FAILED")))
                .as("the old lead's session is gone: its late view is not stored").isFalse();
        assertThat(store.publish("a", "replica-2", second.sessionName(), STREAMING_VIEW.replace("\"STREAMING\"", "\"STARTING\"")))
                .isTrue();
        Map<String, Object> served = ReplicationView.fromLead(store.read("a"), MAX_AGE, "a", json);
        assertThat(served).containsEntry("viewFrom", "replica-2").containsEntry("cdcState", "STARTING");
    }

    @Test
    void aReplicaWithoutTheLeadServesTheLeadsFreshViewThenUnknownOnceItIsOlderThanTheLimit() {
        assertThat(first.isLead()).isTrue();
        assertThat(store.publish("a", "replica-1", first.sessionName(), STREAMING_VIEW)).isTrue();

        Map<String, Object> fresh = ReplicationView.fromLead(store.read("a"), MAX_AGE, "a", json);
        assertThat(fresh).containsEntry("viewFrom", "replica-1").containsEntry("cdcState", "STREAMING")
                .containsEntry("consistentPrefix", true).containsEntry("lagSeconds", 0.02).containsKey("slot")
                .as("only the engine's fields: who serves it and the site's role are the serving replica's")
                .doesNotContainKeys("replica", "leadReplica", "role", "epoch");
        assertThat((Double) fresh.get("viewAgeSeconds")).isBetween(0.0, 1.0);

        jdbc.sql("update replication_lead_view set published_at = clock_timestamp() - interval '12.3 seconds'").update();
        Map<String, Object> stale = ReplicationView.fromLead(store.read("a"), MAX_AGE, "a", json);
        assertThat(stale).containsEntry("cdcState", "UNKNOWN").containsEntry("consistentPrefix", false)
                .containsEntry("viewFrom", "replica-1").doesNotContainKeys("lagSeconds", "slot");
        assertThat((String) stale.get("cdcReason")).as("the age goes on: 12.3 s and the time since")
                .matches("no lead replica of site a has reported for 1[2-4]\\.\\d s \\(the last view, from replica-1, said "
                        + "STREAMING; a view older than 5\\.0 s is not served\\)");
    }

    @Test
    void withoutAnyPublishedViewTheStateIsUnknown() {
        Map<String, Object> served = ReplicationView.fromLead(Optional.empty(), MAX_AGE, "a", json);
        assertThat(served).containsEntry("cdcState", "UNKNOWN").containsEntry("consistentPrefix", false)
                .containsEntry("cdcReason", "no lead replica of site a has reported a replication view")
                .doesNotContainKeys("lagSeconds", "viewFrom");
    }

    @Test
    void theLeadViewIsSiteLocalLikeTheHandoverRecord() {
        for (String table : new String[] {"replication_lead_view", "replication_handover"}) {
            assertThat(jdbc.sql("select count(*) from pg_trigger where tgrelid = cast(:t as regclass) and not tgisinternal")
                    .param("t", table).query(Long.class).single()).as("no guard, journal or row-version trigger on " + table)
                    .isZero();
            assertThat(new ReplicatedTables(jdbc).find(table)).as(table + " is neither published nor compared").isEmpty();
        }
        assertThat(new ReplicatedTables(jdbc).find("ticket")).as("a business table replicates").isPresent();
    }
}
