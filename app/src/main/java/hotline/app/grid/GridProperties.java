package hotline.app.grid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Hazelcast member embedded in this site's app.
 *
 * @param clusterName       both sites' members must use the same name
 * @param bindAddress       the address the member binds to and announces (site A 127.0.0.1, site B 127.0.0.2 locally)
 * @param publicAddress     address other members reach this one at (NAT, Kubernetes); default: bind address
 * @param port              member port (5701)
 * @param members           TCP-IP join list: every member address of both sites ({@code host:port}); empty: stand alone
 * @param heartbeatInterval how often members tell each other they are alive
 * @param maxNoHeartbeat    how long without a heartbeat before a member is removed: a frozen (GC-paused, SIGSTOPped)
 *                          member is detected after this; a GC pause longer than this removes a healthy member
 * @param backupAckTimeout  how long a write waits for the journal backup at the other site before it gives up waiting
 */
@Validated
@ConfigurationProperties("hotline.hazelcast")
public record GridProperties(
        @NotBlank String clusterName,
        @NotBlank String bindAddress,
        String publicAddress,
        @Min(1) @Max(65535) Integer port,
        List<String> members,
        Duration heartbeatInterval,
        Duration maxNoHeartbeat,
        Duration backupAckTimeout) {

    public GridProperties {
        clusterName = clusterName == null ? "hotline" : clusterName;
        bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
        port = port == null ? 5701 : port;
        members = members == null ? List.of() : members.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(1) : heartbeatInterval;
        maxNoHeartbeat = maxNoHeartbeat == null ? Duration.ofSeconds(5) : maxNoHeartbeat;
        backupAckTimeout = backupAckTimeout == null ? Duration.ofSeconds(2) : backupAckTimeout;
        if (maxNoHeartbeat.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("hotline.hazelcast.max-no-heartbeat (" + maxNoHeartbeat
                    + ") must be at least three heartbeat intervals (" + heartbeatInterval + ")");
        }
    }
}
