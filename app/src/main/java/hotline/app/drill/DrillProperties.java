package hotline.app.drill;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Drill evidence. Validated at start-up.
 *
 * @param zone            the time zone the HTML reports show times in (default Asia/Shanghai)
 * @param metricsRefresh  how often the drill gauges are re-read from the database, so that evidence that arrived
 *                        by replication (at the standby) shows too (default 1 minute; an append here updates them
 *                        at once)
 * @param pageSize        default page size of the list (default 20)
 */
@ConfigurationProperties("hotline.drill")
public record DrillProperties(ZoneId zone, Duration metricsRefresh, Integer pageSize) {

    public DrillProperties {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        metricsRefresh = metricsRefresh == null ? Duration.ofMinutes(1) : metricsRefresh;
        pageSize = pageSize == null ? 20 : pageSize;
        if (metricsRefresh.compareTo(Duration.ofSeconds(1)) < 0 || metricsRefresh.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("hotline.drill.metrics-refresh must be between 1 s and 1 h, was " + metricsRefresh);
        }
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("hotline.drill.page-size must be between 1 and 200, was " + pageSize);
        }
    }
}
