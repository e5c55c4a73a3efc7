package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.EvidenceChain;
import hotline.app.site.SiteStateService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Records drill evidence at the ACTIVE site and reads it back at either site.
 *
 * <ol>
 *   <li>Refuse unless this site may write (ACTIVE, not fenced, and at the epoch the caller names, if it names
 *       one): evidence is data like any other and reaches the standby by replication.</li>
 *   <li>Refuse ill-formed evidence, naming every problem at once.</li>
 *   <li>Append it to the hash chain (serialised on the chain head); a retry with the same id and content gets
 *       the record that is already there.</li>
 *   <li>Count it and refresh the drill gauges.</li>
 * </ol>
 */
@Service
class DrillEvidenceService {

    private static final Logger log = LoggerFactory.getLogger(DrillEvidenceService.class);

    /** The evidence is ill-formed; every problem is listed. */
    static final class InvalidEvidenceException extends RuntimeException {

        private final List<String> problems;

        InvalidEvidenceException(List<String> problems) {
            super("the drill evidence is not well-formed: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private final DrillEvidenceStore store;
    private final DrillMetrics metrics;
    private final SiteStateService site;
    private final DrillProperties properties;
    private final Clock clock;

    DrillEvidenceService(DrillEvidenceStore store, DrillMetrics metrics, SiteStateService site,
                         DrillProperties properties, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.site = site;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the chained record, and whether it was created now (false: the same evidence was already there) */
    DrillEvidenceStore.Appended record(DrillEvidence evidence, String recordedBy, Long requestEpoch) {
        site.requireWritable(requestEpoch);
        List<String> problems = evidence.violations();
        if (!problems.isEmpty()) {
            throw new InvalidEvidenceException(problems);
        }
        DrillEvidence withId = evidence.id() == null ? evidence.withId(UUID.randomUUID()) : evidence;
        DrillEvidenceStore.Appended appended = store.append(withId, recordedBy, site.siteId(), clock.instant());
        ChainedEvidence r = appended.record();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("drill", r.evidence().id().toString())) {
            if (appended.created()) {
                metrics.appended(r.evidence());
                log.info("drill evidence #{} recorded: {} {} (started by {}, {}), hash {}", r.seq(), r.evidence().kind(),
                        r.evidence().result(), r.evidence().startedBy(), r.evidence().trigger(), r.hash());
            } else {
                log.info("drill evidence #{} was already recorded with the same content; nothing appended", r.seq());
            }
        }
        return appended;
    }

    List<ChainedEvidence> page(int page, int size) {
        return store.page(page * size, size);
    }

    long count() {
        return store.count();
    }

    Optional<ChainedEvidence> find(UUID id) {
        return store.find(id);
    }

    EvidenceChain.Verification verify() {
        return store.verify();
    }

    String reportHtml(ChainedEvidence record) {
        return DrillReport.html(record, verify(), properties.zone());
    }

    int defaultPageSize() {
        return properties.pageSize();
    }
}
