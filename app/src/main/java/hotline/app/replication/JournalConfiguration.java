package hotline.app.replication;

import hotline.app.site.SiteStateService;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicationProperties.class)
class JournalConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, JournalCapture capture, ReplicationJournal journal) {
        return new JournalingTransactionManager(dataSource, capture, journal);
    }

    @Bean
    JournalSweeper journalSweeper(DataSource dataSource, JournalCapture capture, ReplicationJournal journal,
                                  SiteStateService site) {
        return new JournalSweeper(dataSource, capture, journal, site);
    }

    /** Journals committed changes made outside a managed transaction, once a second, at the ACTIVE site. */
    static class JournalSweeper {

        private static final Logger log = LoggerFactory.getLogger(JournalSweeper.class);
        private final DataSource dataSource;
        private final JournalCapture capture;
        private final ReplicationJournal journal;
        private final SiteStateService site;

        JournalSweeper(DataSource dataSource, JournalCapture capture, ReplicationJournal journal, SiteStateService site) {
            this.dataSource = dataSource;
            this.capture = capture;
            this.journal = journal;
            this.site = site;
        }

        @Scheduled(fixedDelayString = "${hotline.replication.sweep-interval:PT1S}")
        void sweep() {
            if (!site.isActive()) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                List<ChangeSet> sets = capture.sweep(connection);
                connection.commit();
                sets.forEach(journal::append);
            } catch (Exception e) {
                log.warn("journal sweep failed, will retry: {}", e.toString());
            }
        }
    }
}
