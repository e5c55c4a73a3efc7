package hotline.app.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Reports and the mass-complaint detector. Validated at start-up.
 *
 * @param cron            when the scheduled reports are generated, in the KPI zone (default 00:30 every day:
 *                        yesterday's daily report, Mondays the last week's, the 1st the last month's and its
 *                        quality report, quarter starts the department summary, January 1st the annual);
 *                        "-" turns the schedule off
 * @param massComplaints  the detector of many complaints about one place and topic in a short window
 */
@Validated
@ConfigurationProperties("hotline.reports")
public record ReportProperties(@NotBlank String cron, @Valid MassComplaints massComplaints) {

    public ReportProperties {
        cron = cron == null ? "0 30 0 * * *" : cron;
        massComplaints = massComplaints == null ? new MassComplaints(null, null, null) : massComplaints;
    }

    /**
     * @param window        how far back tickets are grouped (default 2 hours)
     * @param threshold     tickets about the same district, street and category in the window that make an
     *                      alert (default 5)
     * @param scanInterval  how often the detector runs (default 5 minutes)
     */
    public record MassComplaints(Duration window, @Min(2) @Max(1000) Integer threshold, Duration scanInterval) {

        public MassComplaints {
            window = window == null ? Duration.ofHours(2) : window;
            threshold = threshold == null ? 5 : threshold;
            scanInterval = scanInterval == null ? Duration.ofMinutes(5) : scanInterval;
            if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("hotline.reports.mass-complaints.window must be between 0 and 7 days, was " + window);
            }
        }
    }
}
