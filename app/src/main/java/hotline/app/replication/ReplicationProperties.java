package hotline.app.replication;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Replication between the two sites. The peer is the other site's database: while this site is STANDBY, its
 * CDC engine reads the peer's logical replication slot ({@code hotline_to_<this site>}); the consistency check
 * compares both databases.
 *
 * @param peerSite           the other site's id; without it this site runs alone (no CDC, no verify)
 * @param peerJdbcUrl        the other site's PostgreSQL ({@code jdbc:postgresql://host:port/db})
 * @param peerUsername       a user with REPLICATION and read rights there (and the right to create the publication)
 * @param peerPassword       its password
 * @param publication        publication name at the source
 * @param pollInterval       Debezium poll interval: dominates latency (10 ms: p99 ~100 ms; default 500 ms: ~1.4 s)
 * @param heartbeatInterval  heartbeat: keeps the slot advancing and the lag measured when nobody writes
 * @param maxBatchSize       records per Debezium batch
 * @param slotCheckInterval  how often the slot at the source is inspected (lost slot, WAL retained)
 * @param walBehindWarning   WAL retained for this slot above which the slot is reported as growing
 * @param autoResync         resync by itself when the standby is empty or the slot was lost (standby data only)
 * @param journalRetention   how long a journal entry stays in the grid if CDC never confirms it
 * @param restartBackoff     wait before restarting a failed CDC engine
 * @param leadViewInterval   how often the lead replica publishes its replication view for the site's other replicas
 *                           (also at every CDC state change)
 * @param leadViewMaxAge     a published view older than this is not served: the other replicas answer
 *                           {@code cdcState UNKNOWN} (longer than the interval plus a GC pause, shorter than the
 *                           failover controller's lease)
 */
@Validated
@ConfigurationProperties("hotline.replication")
public record ReplicationProperties(
        @Pattern(regexp = "[a-z][a-z0-9]{0,7}") String peerSite,
        String peerJdbcUrl,
        String peerUsername,
        String peerPassword,
        @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String publication,
        Duration pollInterval,
        Duration heartbeatInterval,
        Integer maxBatchSize,
        Duration slotCheckInterval,
        Long walBehindWarning,
        Boolean autoResync,
        Duration journalRetention,
        Duration restartBackoff,
        Duration leadViewInterval,
        Duration leadViewMaxAge) {

    public ReplicationProperties {
        publication = publication == null ? "hotline_pub" : publication;
        pollInterval = pollInterval == null ? Duration.ofMillis(10) : pollInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(1) : heartbeatInterval;
        maxBatchSize = maxBatchSize == null ? 2048 : maxBatchSize;
        slotCheckInterval = slotCheckInterval == null ? Duration.ofSeconds(2) : slotCheckInterval;
        walBehindWarning = walBehindWarning == null ? 256L * 1024 * 1024 : walBehindWarning;
        autoResync = autoResync == null || autoResync;
        journalRetention = journalRetention == null ? Duration.ofHours(6) : journalRetention;
        restartBackoff = restartBackoff == null ? Duration.ofSeconds(2) : restartBackoff;
        leadViewInterval = leadViewInterval == null ? Duration.ofSeconds(1) : leadViewInterval;
        leadViewMaxAge = leadViewMaxAge == null ? Duration.ofSeconds(5) : leadViewMaxAge;
        if (leadViewInterval.isNegative() || leadViewInterval.isZero() || leadViewMaxAge.compareTo(leadViewInterval) <= 0) {
            throw new IllegalArgumentException("hotline.replication.lead-view-max-age (" + leadViewMaxAge + ") must be longer "
                    + "than hotline.replication.lead-view-interval (" + leadViewInterval + "), which must be positive: "
                    + "else the other replicas would call every view of a healthy lead replica stale");
        }
        boolean anyPeer = peerSite != null || peerJdbcUrl != null;
        if (anyPeer && (peerSite == null || peerJdbcUrl == null || peerUsername == null)) {
            throw new IllegalArgumentException("hotline.replication needs peer-site, peer-jdbc-url and peer-username "
                    + "together (got peer-site=" + peerSite + ", peer-jdbc-url=" + (peerJdbcUrl != null) + ", peer-username="
                    + (peerUsername != null) + ")");
        }
        if (peerJdbcUrl != null && !peerJdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("hotline.replication.peer-jdbc-url must be jdbc:postgresql://host:port/db, was "
                    + peerJdbcUrl);
        }
    }

    public boolean hasPeer() {
        return peerSite != null;
    }

    /** The slot at the peer from which this site reads. */
    public String slotFor(String thisSite) {
        return "hotline_to_" + thisSite;
    }
}
