package hotline.app.replication;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cross-site replication journal: committed change sets of the ACTIVE site, held in the grid with a
 * synchronous backup at the other site until the standby's CDC has applied them. It closes the gap that
 * asynchronous CDC leaves when the active site dies: an acknowledged write is in the standby's database or in
 * this journal at the standby's members.
 */
@Component
public class ReplicationJournal {

    static final String MAP = "hotline-journal";  // configured with one synchronous backup in GridConfiguration
    private static final Logger log = LoggerFactory.getLogger(ReplicationJournal.class);

    private final IMap<String, ChangeSet> entries;
    private final ReplicationProperties properties;
    private final Counter appended;
    private final Counter appendFailures;

    ReplicationJournal(HazelcastInstance hazelcast, ReplicationProperties properties, MeterRegistry registry) {
        this.entries = hazelcast.getMap(MAP);
        this.properties = properties;
        this.appended = Counter.builder("hotline.replication.journal.appended")
                .description("change sets appended to the cross-site journal").register(registry);
        this.appendFailures = Counter.builder("hotline.replication.journal.append.failures")
                .description("committed change sets that could not be journalled (CDC still carries them)")
                .register(registry);
        Gauge.builder("hotline.replication.journal.depth", entries, IMap::size)
                .description("change sets in the journal not yet confirmed applied by the standby").register(registry);
    }

    /**
     * Appends and waits for the synchronous backup (bounded by the grid's backup timeout). A failure is counted
     * and logged, not thrown: the transaction has committed and CDC carries it; only the extra protection is lost.
     */
    public void append(ChangeSet changeSet) {
        try {
            entries.set(changeSet.journalKey(), changeSet, properties.journalRetention().toSeconds(), TimeUnit.SECONDS);
            appended.increment();
        } catch (RuntimeException e) {
            appendFailures.increment();
            log.error("could not journal source transaction {} ({} rows): {}", changeSet.journalKey(),
                    changeSet.changes().size(), e.toString());
        }
    }

    /** CDC applied these: they need no replay. */
    public void confirmApplied(String sourceSite, List<Long> xids) {
        for (Long xid : xids) {
            entries.removeAsync(ChangeSet.journalKey(sourceSite, xid));
        }
    }

    /**
     * CDC applies in commit order, so every entry that committed before the last applied source commit has been
     * applied (also those a snapshot covered, which no CDC confirmation names): release them.
     */
    public int releaseCommittedBefore(String sourceSite, java.time.Instant appliedUpTo) {
        int released = 0;
        for (ChangeSet entry : entries.values(Predicates.like("__key", sourceSite + ":%"))) {
            if (entry.committedAt().isBefore(appliedUpTo)) {
                entries.delete(entry.journalKey());
                released++;
            }
        }
        return released;
    }

    /** Entries of a source site, oldest transaction first. */
    public List<ChangeSet> pendingFrom(String sourceSite) {
        return entries.values(Predicates.like("__key", sourceSite + ":%")).stream()
                .sorted(Comparator.comparing(ChangeSet::committedAt).thenComparingLong(ChangeSet::xid)).toList();
    }

    public void remove(ChangeSet changeSet) {
        entries.delete(changeSet.journalKey());
    }

    public int depth() {
        return entries.size();
    }
}
