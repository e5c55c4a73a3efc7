package hotline.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import hotline.app.HotlineApplication;
import hotline.testsupport.TestDatabase;
import hotline.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code hotline.site.fence-on-restart}: an ACTIVE site whose whole app was down starts fenced (the other site may
 * have taken over meanwhile; its failover controller lifts the fence or demotes it), while a first start and a
 * replica joining a running site are not fenced. One real database, the app started several times on it.
 */
class FenceOnRestartIT {

    private final TestDatabase database = TestDatabases.newDatabase();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HotlineApplication.class).profiles("demo", "test").run(
                "--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--hotline.site.id=a", "--hotline.site.fence-on-restart=true");
    }

    @Test
    void anActiveSiteBackAfterBeingDownStartsFencedButNotOnItsFirstStartNorBesideARunningReplica() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            SiteStateService site = first.getBean(SiteStateService.class);
            assertThat(site.current().fenced()).as("a brand-new site is not fenced: nobody could have replaced it")
                    .isFalse();
            assertThat(site.takesWrites()).isTrue();
        }

        try (ConfigurableApplicationContext again = start()) {
            SiteStateService site = again.getBean(SiteStateService.class);
            assertThat(site.current().fenced()).as("back after being down").isTrue();
            assertThat(site.current().reason()).contains("restarted as the ACTIVE site",
                    "until its failover controller confirms the lease");
            assertThat(site.takesWrites()).isFalse();
            site.unfence("test: the controller renewed the lease");   // what LiftSelfFence does through the ops API
        }

        // another replica of the site is running (it holds the lead-replica lock): a replica joining it, e.g. in a
        // rolling update, must not fence the serving site
        try (Connection runningReplica = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement s = runningReplica.createStatement()) {
            s.execute("select pg_advisory_lock(hashtext('" + LeadReplica.LOCK_NAME + "'))");
            try (ConfigurableApplicationContext joining = start()) {
                assertThat(joining.getBean(SiteStateService.class).current().fenced()).isFalse();
            }
        }
    }
}
