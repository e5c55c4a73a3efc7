package hotline.app.quarantine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The failback quarantine.
 *
 * @param refreshInterval how often entries kept locally (the new active refused them) are offered to the active
 *                        site again, a missing active-period record is written, and the open-entries gauge is
 *                        refreshed (default 10 s)
 * @param lookupBatchSize keys looked up at the new active per query during a scan (default 500)
 */
@Validated
@ConfigurationProperties("hotline.quarantine")
public record QuarantineProperties(Duration refreshInterval, @Min(1) @Max(10_000) Integer lookupBatchSize) {

    public QuarantineProperties {
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(10) : refreshInterval;
        lookupBatchSize = lookupBatchSize == null ? 500 : lookupBatchSize;
    }
}
