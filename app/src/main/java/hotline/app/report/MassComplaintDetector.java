package hotline.app.report;

import hotline.app.site.LeadReplica;
import hotline.app.site.SiteStateService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds mass complaints (群体性投诉) on a schedule: tickets about the same district, street and category
 * accepted within the window, at least the threshold of them. A new episode becomes an open alert for the
 * lead (visible in the desk, counted in {@code hotline_mass_complaints_detected_total}); more tickets of an
 * open episode extend it instead of raising another alert. Logs name the alert and category, never a place
 * or a caller. The scheduled scan runs in the site's lead replica only: two replicas scanning at once would each
 * find no open episode and raise the same alert twice.
 */
@Component
public class MassComplaintDetector {

    private final SiteStateService site;
    private final LeadReplica lead;

    private static final Logger log = LoggerFactory.getLogger(MassComplaintDetector.class);

    private final MassComplaintRepository repository;
    private final ReportProperties properties;
    private final Clock clock;
    private final Counter detected;

    MassComplaintDetector(SiteStateService site, LeadReplica lead, MassComplaintRepository repository,
                          ReportProperties properties, Clock clock, MeterRegistry meters) {
        this.site = site;
        this.lead = lead;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.detected = Counter.builder("hotline.mass.complaints.detected")
                .description("mass complaints (many tickets about one place and topic in a short window) detected")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${hotline.reports.mass-complaints.scan-interval:PT5M}", initialDelayString = "PT30S")
    void scheduled() {
        if (!site.takesWrites()) {
            return;  // detection writes alerts: the active site runs it
        }
        if (!lead.isLead()) {
            return;  // one detector per site: the lead replica's
        }
        detectAt(clock.instant());
    }

    /** Scans the window that ends at {@code now}; returns the alerts raised (new episodes only). */
    @Transactional
    public List<MassComplaint> detectAt(Instant now) {
        ReportProperties.MassComplaints config = properties.massComplaints();
        Instant since = now.minus(config.window());
        List<MassComplaint> raised = new ArrayList<>();
        for (MassComplaintRepository.Cluster c : repository.clusters(since, now, config.threshold())) {
            var open = repository.openEpisode(c, since);
            if (open.isPresent()) {
                repository.extend(open.get(), c);
            } else {
                UUID id = UUID.randomUUID();
                repository.insert(id, c, now);
                detected.increment();
                MassComplaint alert = repository.find(id).orElseThrow();
                raised.add(alert);
                log.warn("mass complaint {} detected: {} tickets of category {} at one place within {}",
                        id, c.count(), c.category(), config.window());
            }
        }
        return raised;
    }
}
