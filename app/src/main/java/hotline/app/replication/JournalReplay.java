package hotline.app.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the journal entries of the (failed) active site that CDC has not applied: the last step that makes
 * every acknowledged write present here before this site is promoted. Safe to run at any time and more than
 * once: entries CDC already applied are skipped by the row-version guard.
 *
 * <p>Every replayed row version is also recorded ({@code quarantine_replayed_row}, site-local, in the same
 * transaction): when the old active comes back, those rows are newer than the CDC watermark there, yet they
 * reached this site, so its failback quarantine must not report them — even after this site changed them again.
 */
@Component
public class JournalReplay {

    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

    public record Result(String sourceSite, int entries, int rows, int skippedAsOlder) {
    }

    private final ReplicationJournal journal;
    private final ChangeApplier applier;
    private final ReplicatedTables tables;
    private final JsonMapper json;
    private final Counter replayed;

    JournalReplay(ReplicationJournal journal, ChangeApplier applier, ReplicatedTables tables, JsonMapper json,
                  MeterRegistry registry) {
        this.journal = journal;
        this.applier = applier;
        this.tables = tables;
        this.json = json;
        this.replayed = Counter.builder("hotline.replication.journal.replayed")
                .description("journal entries applied by a replay (CDC had not applied them)").register(registry);
    }

    public Result replayFrom(String sourceSite) {
        List<ChangeSet> pending = journal.pendingFrom(sourceSite);
        int rows = 0;
        int skipped = 0;
        for (ChangeSet entry : pending) {
            ChangeApplier.Applied applied = applier.apply(List.of(entry), connection -> record(connection, entry));
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

    private void record(Connection connection, ChangeSet entry) throws java.sql.SQLException {
        try (PreparedStatement p = connection.prepareStatement("""
                insert into quarantine_replayed_row (source_site, table_name, row_key, row_version, op)
                values (?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (RowChange change : entry.changes()) {
                ReplicatedTables.Table table = tables.find(change.table()).orElse(null);
                if (table == null) {
                    continue;  // the apply has already refused such a change
                }
                ObjectNode row = (ObjectNode) json.readTree(change.row());
                JsonNode version = row.get("row_version");
                p.setString(1, entry.sourceSite());
                p.setString(2, table.name());
                p.setString(3, applier.rowKey(table, row));
                p.setLong(4, version != null && version.isNumber() ? version.asLong() : 0);
                p.setString(5, String.valueOf(change.op()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
