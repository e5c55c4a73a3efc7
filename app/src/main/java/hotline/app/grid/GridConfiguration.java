package hotline.app.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.PartitionGroupConfig;
import hotline.app.site.SiteProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Hazelcast cluster stretched over both sites. Members carry their site as the partition-group zone, so
 * with ZONE_AWARE grouping every partition's backup lives at the other site; the maps that hold live state
 * keep one synchronous backup. Spring Boot starts the member from this {@link Config} and shuts it down with
 * the app.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GridProperties.class)
class GridConfiguration {

    static final String SITE_ATTRIBUTE = "hotline.site";
    static final String SESSIONS_MAP = "hotline-sessions";
    static final String JOURNAL_MAP = "hotline-journal";
    static final String DRAFTS_MAP = "hotline-drafts";

    @Bean
    Config hazelcastConfig(GridProperties grid, SiteProperties site,
                           @Value("${server.servlet.session.timeout:12h}") Duration sessionTimeout) {
        Config config = new Config();
        config.setClusterName(grid.clusterName());
        config.setInstanceName("hotline-" + site.id() + "-" + grid.bindAddress() + "-" + grid.port());
        // several sites on one machine each bind their own loopback address (see FACTS.md)
        config.setProperty("hazelcast.local.localAddress", grid.bindAddress());
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(Math.max(1, grid.heartbeatInterval().toSeconds())));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(Math.max(1, grid.maxNoHeartbeat().toSeconds())));
        config.setProperty("hazelcast.operation.backup.timeout.millis", Long.toString(grid.backupAckTimeout().toMillis()));
        // after a freeze or a partition the two halves run as separate clusters until they merge; the default
        // first merge attempt comes after 5 minutes, far too long to stay unprotected
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");

        config.getMemberAttributeConfig().setAttribute(SITE_ATTRIBUTE, site.id());
        config.getMemberAttributeConfig().setAttribute("hazelcast.partition.group.zone", site.id());
        config.getPartitionGroupConfig().setEnabled(true).setGroupType(PartitionGroupConfig.MemberGroupType.ZONE_AWARE);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(grid.port()).setPortAutoIncrement(false);
        if (grid.publicAddress() != null && !grid.publicAddress().isBlank()) {
            network.setPublicAddress(grid.publicAddress());
        }
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(grid.members());

        long sessionIdle = sessionTimeout.toSeconds();
        config.addMapConfig(new MapConfig(SESSIONS_MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setMaxIdleSeconds((int) Math.min(Integer.MAX_VALUE, sessionIdle)));
        config.addMapConfig(new MapConfig(JOURNAL_MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setReadBackupData(false));
        config.addMapConfig(new MapConfig(DRAFTS_MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setMaxIdleSeconds(7 * 24 * 3600));
        return config;
    }
}
