package hotline.app.replication;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the engine's record stream into whole source transactions and applies them.
 *
 * <ol>
 *   <li>Transaction metadata (BEGIN … END) delimits each source transaction; its rows are held until END, even
 *       across batches, then applied together: the standby never shows half a transaction.</li>
 *   <li>All transactions complete in a batch are applied in one local transaction together with the offset of the
 *       last one, so a crash at any instant neither loses nor repeats a transaction.</li>
 *   <li>Only then are the records marked processed (the engine then confirms the LSN to the source slot) and the
 *       journal entries of those transactions released.</li>
 *   <li>During a resync, each table is emptied in the transaction that applies its first snapshot rows (a local
 *       row the source never had could otherwise collide with a snapshot row on a secondary unique key); snapshot
 *       rows are applied in batches and their keys remembered; at the end of the snapshot, local rows of tables the
 *       snapshot had no rows for are deleted too.</li>
 * </ol>
 */
final class CdcBatchHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(CdcBatchHandler.class);

    private final CdcEngine engine;
    private final ChangeApplier applier;
    private final CdcOffsets offsets;
    private final ReplicationJournal journal;
    private final ReplicatedTables tables;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ConnectJson connectJson;
    private final ReplicationProperties properties;
    private final Clock clock;
    private final Counter appliedTransactions;
    private final Counter appliedRows;
    private final Timer applyLatency;
    final LatencyWindow lagWindow = new LatencyWindow(200_000);

    private volatile Instant lastSourceCommit;
    private volatile Instant lastAppliedAt;
    private volatile Duration lastLag = Duration.ZERO;
    private volatile long lastAppliedLsn;
    private volatile Instant runStartedAt;

    private OpenTransaction open;
    private boolean resyncing;
    private Map<String, Set<String>> seenKeys = new HashMap<>();
    private Set<String> clearedTables = new HashSet<>();
    private long snapshotRows;

    CdcBatchHandler(CdcEngine engine, ChangeApplier applier, CdcOffsets offsets, ReplicationJournal journal,
                    ReplicatedTables tables, JdbcClient jdbc, JsonMapper json, ReplicationProperties properties,
                    Clock clock, MeterRegistry registry) {
        this.engine = engine;
        this.applier = applier;
        this.offsets = offsets;
        this.journal = journal;
        this.tables = tables;
        this.jdbc = jdbc;
        this.json = json;
        this.connectJson = new ConnectJson(json);
        this.properties = properties;
        this.clock = clock;
        this.appliedTransactions = Counter.builder("hotline.replication.applied.transactions")
                .description("source transactions applied at this standby").register(registry);
        this.appliedRows = Counter.builder("hotline.replication.applied.rows")
                .description("rows applied at this standby (including snapshot rows)").register(registry);
        this.applyLatency = Timer.builder("hotline.replication.apply.latency")
                .description("commit at the active site to commit of the applied copy here")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("hotline.replication.lag", this, h -> h.lag().toNanos() / 1e9).baseUnit("seconds")
                .description("how far this standby trails the active site (commit there to applied here)")
                .register(registry);
        Gauge.builder("hotline.replication.last.applied.lsn", this, h -> h.lastAppliedLsn)
                .description("source LSN of the last applied transaction").register(registry);
    }

    /**
     * Lag now: the last transaction's apply latency, or, when the stream went quiet (heartbeats stopped), the time
     * since; before this standby applied its first transaction, the time since its engine run began (not zero: a
     * standby that just started from a slot has not shown yet how far behind it is).
     */
    Duration lag() {
        Instant commit = lastSourceCommit;
        if (engine.state() == hotline.app.replication.model.CdcState.STOPPED) {
            return Duration.ZERO;
        }
        if (commit == null) {
            Instant started = runStartedAt;
            return started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        }
        Duration silence = Duration.between(commit, clock.instant());
        return silence.compareTo(properties.heartbeatInterval().multipliedBy(3)) > 0 ? silence : lastLag;
    }

    Instant lastSourceCommit() {
        return lastSourceCommit;
    }

    Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    synchronized void beginRun(boolean resync) {
        runStartedAt = clock.instant();
        open = null;
        resyncing = resync;
        seenKeys = new HashMap<>();
        clearedTables = new HashSet<>();
        snapshotRows = 0;
    }

    private static final class OpenTransaction {
        final String id;
        final List<RowChange> changes = new ArrayList<>();
        final List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        long xid = -1;
        Instant committedAt;

        OpenTransaction(String id) {
            this.id = id;
            int colon = id.indexOf(':');
            try {
                xid = Long.parseLong(colon < 0 ? id : id.substring(0, colon));
            } catch (NumberFormatException e) {
                xid = -1;
            }
        }
    }

    /** What a flush applies. */
    private final class Pending {
        final List<ChangeSet> transactions = new ArrayList<>();
        final List<Instant> commits = new ArrayList<>();
        final List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        final List<RowChange> snapshot = new ArrayList<>();
        SourceRecord lastOffset;
        Instant lastCommit;

        boolean isEmpty() {
            return transactions.isEmpty() && snapshot.isEmpty() && lastOffset == null && events.isEmpty();
        }
    }

    @Override
    public synchronized void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Pending pending = new Pending();
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecord record = event.record();
            Object value = record.value();
            if (!(value instanceof Struct struct)) {
                pending.events.add(event);
                continue;
            }
            String topic = record.topic();
            if (log.isDebugEnabled()) {
                log.debug("record topic={} offset={}", topic, record.sourceOffset());
            }
            if (topic.endsWith(".transaction")) {
                transactionBoundary(event, struct, pending);
            } else if (topic.startsWith("__debezium-heartbeat")) {
                finishResyncIfStreaming(pending, committer);
                if (open == null) {
                    pending.events.add(event);
                    pending.lastOffset = record;
                } else {
                    open.events.add(event);
                }
            } else if (struct.schema().field("op") != null) {
                dataChange(event, struct, pending, committer);
            } else {
                pending.events.add(event);
            }
        }
        flush(pending, committer);
        committer.markBatchFinished();
        engine.markStreaming();
    }

    private void transactionBoundary(RecordChangeEvent<SourceRecord> event, Struct struct, Pending pending) {
        String status = struct.getString("status");
        String id = struct.getString("id");
        if ("BEGIN".equals(status)) {
            open = new OpenTransaction(id);
            open.events.add(event);
        } else if (open != null && sameTransaction(open.id, id)) {
            open.events.add(event);
            if (!open.changes.isEmpty()) {
                Instant commit = open.committedAt != null ? open.committedAt : clock.instant();
                pending.transactions.add(new ChangeSet(engine.sourceSite(), 0, open.xid, commit, open.changes));
                pending.commits.add(commit);
                pending.lastCommit = commit;
            }
            pending.events.addAll(open.events);
            pending.lastOffset = event.record();
            open = null;
        } else {
            pending.events.add(event);
            pending.lastOffset = event.record();
        }
    }

    /** PostgreSQL transaction ids read {@code <xid>:<lsn>}, and BEGIN and END carry different LSNs. */
    private static boolean sameTransaction(String begin, String end) {
        int b = begin.indexOf(':');
        int e = end.indexOf(':');
        return (b < 0 ? begin : begin.substring(0, b)).equals(e < 0 ? end : end.substring(0, e));
    }

    private void dataChange(RecordChangeEvent<SourceRecord> event, Struct value, Pending pending,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Struct source = value.getStruct("source");
        String snapshot = source.schema().field("snapshot") == null ? null : source.getString("snapshot");
        boolean fromSnapshot = snapshot != null && !"false".equals(snapshot) && !"incremental".equals(snapshot);
        String op = value.getString("op");
        String table = source.getString("table");
        Struct row = "d".equals(op) ? value.getStruct("before") : value.getStruct("after");
        if (row == null) {
            pending.events.add(event);
            return;
        }
        RowChange change = new RowChange(table, op.charAt(0), json.writeValueAsString(connectJson.row(row)));
        Instant committedAt = commitTime(source);
        if (fromSnapshot) {
            pending.snapshot.add(change);
            pending.events.add(event);
            pending.lastOffset = event.record();
            rememberKey(change);
            snapshotRows++;
            if ("last".equals(snapshot)) {
                flush(pending, committer);
                finishResync();
            }
            return;
        }
        finishResyncIfStreaming(pending, committer);
        if (open != null) {
            open.changes.add(change);
            open.events.add(event);
            open.committedAt = committedAt;
            if (open.xid < 0 && source.schema().field("txId") != null && source.getInt64("txId") != null) {
                open.xid = source.getInt64("txId");
            }
        } else {
            long xid = source.schema().field("txId") != null && source.getInt64("txId") != null ? source.getInt64("txId") : -1;
            pending.transactions.add(new ChangeSet(engine.sourceSite(), 0, xid, committedAt, List.of(change)));
            pending.commits.add(committedAt);
            pending.lastCommit = committedAt;
            pending.events.add(event);
            pending.lastOffset = event.record();
        }
    }

    /**
     * When the source committed the change: {@code ts_us} (the commit timestamp PostgreSQL decodes, to the
     * microsecond, the same value {@code pg_xact_commit_timestamp} gives at the source), else {@code ts_ms}.
     */
    static Instant commitTime(Struct source) {
        if (source.schema().field("ts_us") != null && source.getInt64("ts_us") != null) {
            long micros = source.getInt64("ts_us");
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        }
        return Instant.ofEpochMilli(source.getInt64("ts_ms"));
    }

    private void finishResyncIfStreaming(Pending pending,
                                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (resyncing) {
            flush(pending, committer);
            finishResync();
        }
    }

    private void flush(Pending pending, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        List<ChangeSet> units = new ArrayList<>(pending.transactions);
        SourceRecord offsetRecord = pending.lastOffset;
        Instant lastCommit = pending.lastCommit;
        List<String> clearFirst = resyncing ? pending.snapshot.stream().map(RowChange::table).distinct()
                .filter(table -> !clearedTables.contains(table)).toList() : List.of();
        ChangeApplier.Applied applied = applier.apply(clearFirst, List.copyOf(pending.snapshot), units, offsetRecord == null ? null
                : connection -> offsets.write(connection, engine.sourceSite(), engine.engineName(), offsetRecord, lastCommit));
        if (log.isDebugEnabled()) {
            log.debug("applied {} transaction(s), {} snapshot rows: {} rows, {} skipped as older, offset {}", units.size(),
                    pending.snapshot.size(), applied.rows(),
                    applied.skippedOlder(), offsetRecord == null ? null : offsetRecord.sourceOffset());
        }
        clearedTables.addAll(clearFirst);
        Instant now = clock.instant();
        for (RecordChangeEvent<SourceRecord> event : pending.events) {
            committer.markProcessed(event);
        }
        appliedRows.increment(applied.rows());
        if (!pending.transactions.isEmpty()) {
            appliedTransactions.increment(pending.transactions.size());
            for (Instant commit : pending.commits) {
                Duration lag = Duration.between(commit, now);
                applyLatency.record(lag);
                lagWindow.record(lag.toNanos());
                lastLag = lag;
            }
            journal.confirmApplied(engine.sourceSite(), pending.transactions.stream().map(ChangeSet::xid)
                    .filter(x -> x >= 0).toList());
        }
        if (lastCommit != null) {
            lastSourceCommit = lastCommit;
        }
        lastAppliedAt = now;
        if (offsetRecord != null && offsetRecord.sourceOffset().get("lsn") instanceof Number lsn) {
            lastAppliedLsn = lsn.longValue();
        }
        pending.transactions.clear();
        pending.commits.clear();
        pending.events.clear();
        pending.snapshot.clear();
        pending.lastOffset = null;
        pending.lastCommit = null;
    }

    private void rememberKey(RowChange change) {
        tables.find(change.table()).ifPresent(table -> seenKeys.computeIfAbsent(table.name(), k -> new HashSet<>())
                .add(applier.rowKey(table, (ObjectNode) json.readTree(change.row()))));
    }

    /** The snapshot is complete: delete what the source no longer has, then stream. */
    private void finishResync() {
        if (!resyncing) {
            return;
        }
        resyncing = false;
        long removed = 0;
        for (ReplicatedTables.Table table : tables.business()) {
            Set<String> seen = seenKeys.getOrDefault(table.name(), Set.of());
            List<RowChange> gone = new ArrayList<>();
            for (String keyText : jdbc.sql("select jsonb_build_array(" + table.keyList() + ")::text from "
                    + ReplicatedTables.quote(table.name())).query(String.class).list()) {
                JsonNode key = json.readTree(keyText);
                String canonical = json.writeValueAsString(key);
                if (!seen.contains(canonical)) {
                    ObjectNode keyRow = json.createObjectNode();
                    for (int i = 0; i < table.keyColumns().size(); i++) {
                        keyRow.set(table.keyColumns().get(i), key.get(i));
                    }
                    gone.add(new RowChange(table.name(), 'd', json.writeValueAsString(keyRow)));
                }
            }
            for (int from = 0; from < gone.size(); from += 500) {
                applier.apply(List.of(new ChangeSet(engine.sourceSite(), 0, -1, clock.instant(),
                        gone.subList(from, Math.min(gone.size(), from + 500)))), null);
            }
            removed += gone.size();
        }
        log.info("resync from site {} complete: {} rows copied, {} local rows removed that the source no longer has",
                engine.sourceSite(), snapshotRows, removed);
        seenKeys = new HashMap<>();
        engine.resyncCompleted();
    }
}
