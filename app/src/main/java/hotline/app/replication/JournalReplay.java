package hotline.app.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies the journal entries of the (failed) active site that CDC has not applied: the last step that makes
 * every acknowledged write present here before this site is promoted. Safe to run at any time and more than
 * once: entries CDC already applied are skipped by the row-version guard.
 */
@Component
public class JournalReplay {

    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

    public record Result(String sourceSite, int entries, int rows, int skippedAsOlder) {
    }

    private final ReplicationJournal journal;
    private final ChangeApplier applier;
    private final Counter replayed;

    JournalReplay(ReplicationJournal journal, ChangeApplier applier, MeterRegistry registry) {
        this.journal = journal;
        this.applier = applier;
        this.replayed = Counter.builder("hotline.replication.journal.replayed")
                .description("journal entries applied by a replay (CDC had not applied them)").register(registry);
    }

    public Result replayFrom(String sourceSite) {
        List<ChangeSet> pending = journal.pendingFrom(sourceSite);
        int rows = 0;
        int skipped = 0;
        for (ChangeSet entry : pending) {
            ChangeApplier.Applied applied = applier.apply(List.of(entry), null);
            rows += applied.rows();
            skipped += applied.skippedOlder();
            journal.remove(entry);
            replayed.increment();
        }
        Result result = new Result(sourceSite, pending.size(), rows, skipped);
        log.info("journal replay from site {}: {} entries, {} rows ({} already present or newer here)", sourceSite,
                result.entries(), result.rows(), result.skippedAsOlder());
        return result;
    }
}
