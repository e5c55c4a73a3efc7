package hotline.app.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies source transactions to this site's database, each batch in one local transaction, so a reader never
 * sees half of a source transaction.
 *
 * <p>Idempotent and order-proof: an upsert only replaces a row whose {@code row_version} is lower (the source
 * assigns versions from one sequence, so a higher version is always the newer row); a delete leaves a tombstone
 * so that a late replay of an older change cannot bring the row back. Applying the same change twice, or an
 * older one after a newer one, changes nothing. Snapshot rows of a resync are the exception: the snapshot is the
 * source's state, so a snapshot row replaces the local row whatever its version and clears the key's tombstone (a
 * standby that was ACTIVE may hold versions the source never had — orphan changes, quarantined before the
 * resync — and they must not survive it). The apply session runs with {@code session_replication_role =
 * replica} (as PostgreSQL's own apply workers do: no foreign-key checks, no ordinary triggers, so the site guard,
 * the row-version trigger and the journal capture stay out of the way) and sets {@code hotline.replica_apply} for
 * anything that must still know. The database user needs the right to set {@code session_replication_role}
 * (superuser, or {@code GRANT SET ON PARAMETER session_replication_role} on PostgreSQL 15+).
 */
@Component
public class ChangeApplier {

    /** Debezium's stand-in for an unchanged TOASTed value it did not receive: never written. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    /** What the batch did, for metrics and the offset. */
    public record Applied(int rows, int skippedOlder, long maxRowVersion) {
    }

    /** Extra work in the same transaction, e.g. recording the CDC offset. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final ReplicatedTables tables;
    private final JsonMapper json;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    ChangeApplier(DataSource dataSource, ReplicatedTables tables, JsonMapper json) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.json = json;
    }

    public Applied apply(List<ChangeSet> transactions, InTransaction alsoInTransaction) {
        return apply(List.of(), transactions, alsoInTransaction);
    }

    /**
     * Applies snapshot rows (authoritatively, see the class comment), then source transactions, in one local
     * transaction.
     */
    public Applied apply(List<RowChange> snapshot, List<ChangeSet> transactions, InTransaction alsoInTransaction) {
        return apply(List.of(), snapshot, transactions, alsoInTransaction);
    }

    /**
     * As {@link #apply(List, List, InTransaction)}, after emptying {@code clearFirst} in the same transaction: a
     * resync empties each table before its first snapshot rows, so that a local row the source never had (an
     * orphan, already quarantined) cannot collide with a snapshot row on a unique key other than the primary key —
     * e.g. an orphan {@code ticket_event(ticket_id, seq)} and the event the new active wrote for the same step.
     */
    public Applied apply(List<String> clearFirst, List<RowChange> snapshot, List<ChangeSet> transactions,
                         InTransaction alsoInTransaction) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement s = connection.createStatement()) {
                    s.execute("set local hotline.replica_apply = 'on'");
                    // like PostgreSQL's own logical replication workers: foreign keys and ordinary triggers are not
                    // fired for replicated rows (the source checked them; a snapshot arrives table by table)
                    s.execute("set local session_replication_role = replica");
                }
                for (String table : clearFirst) {
                    ReplicatedTables.Table known = tables.find(table).orElseThrow(() -> new ReplicationException(
                            "snapshot of table " + table + " which this site does not have; migrate this site first"));
                    try (Statement s = connection.createStatement()) {
                        // replica role: no foreign-key actions, the rows of other tables stay until their own snapshot
                        s.executeUpdate("delete from " + ReplicatedTables.quote(known.name()));
                    }
                }
                int rows = 0;
                int skipped = 0;
                long maxVersion = 0;
                for (RowChange change : snapshot) {
                    long[] result = applyOne(connection, change, true);
                    rows++;
                    maxVersion = Math.max(maxVersion, result[1]);
                }
                for (ChangeSet tx : transactions) {
                    for (RowChange change : tx.changes()) {
                        long[] result = applyOne(connection, change, false);
                        rows++;
                        skipped += (int) result[0];
                        maxVersion = Math.max(maxVersion, result[1]);
                    }
                }
                if (maxVersion > 0) {
                    // keep the local sequence ahead of every replicated version, so that after a promotion this
                    // site's new versions are higher than everything it received
                    try (PreparedStatement p = connection.prepareStatement(
                            "select setval('row_version_seq', ?) where ? > (select last_value from row_version_seq)")) {
                        p.setLong(1, maxVersion);
                        p.setLong(2, maxVersion);
                        p.execute();
                    }
                }
                if (alsoInTransaction != null) {
                    alsoInTransaction.run(connection);
                }
                connection.commit();
                return new Applied(rows, skipped, maxVersion);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ReplicationException("applying " + transactions.size() + " source transaction(s)"
                    + (snapshot.isEmpty() ? "" : " and " + snapshot.size() + " snapshot row(s)") + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** @return {skipped (0/1), row version} */
    private long[] applyOne(Connection connection, RowChange change, boolean fromSnapshot) throws SQLException {
        ReplicatedTables.Table table = tables.find(change.table()).orElseThrow(() -> new ReplicationException(
                "change for table " + change.table() + " which this site does not have; migrate this site first"));
        ObjectNode row = (ObjectNode) json.readTree(change.row());
        List<String> present = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (!table.columns().containsKey(field.getKey())) {
                dropped.add(field.getKey());  // a column the source has and this site not yet: ignore rather than fail
            } else if (field.getValue().isString() && UNAVAILABLE.equals(field.getValue().asString())) {
                dropped.add(field.getKey());  // unchanged TOASTed value: keep ours
            } else {
                present.add(field.getKey());
            }
        }
        dropped.forEach(row::remove);
        String rowJson = json.writeValueAsString(row);
        String key = rowKey(table, row);
        long version = row.has("row_version") && row.get("row_version").isNumber() ? row.get("row_version").asLong() : 0;
        if (change.isDelete()) {
            return new long[]{0, delete(connection, table, rowJson, key, version)};
        }
        if (fromSnapshot) {
            String sql = statements.computeIfAbsent("snapshot|" + table.name() + "|" + String.join(",", present),
                    k -> snapshotUpsertSql(table, present));
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setString(1, table.name());
                p.setString(2, key);
                p.setString(3, rowJson);
                p.executeUpdate();
                return new long[]{0, version};
            }
        }
        String sql = statements.computeIfAbsent(table.name() + "|" + String.join(",", present), k -> upsertSql(table, present));
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, rowJson);
            p.setString(2, table.name());
            p.setString(3, key);
            p.setLong(4, version);
            int updated = p.executeUpdate();
            return new long[]{updated == 0 ? 1 : 0, version};
        }
    }

    private long delete(Connection connection, ReplicatedTables.Table table, String rowJson, String key, long version)
            throws SQLException {
        long deletedVersion = version;
        String sql = "delete from " + ReplicatedTables.quote(table.name()) + " where (" + table.keyList() + ") = (select "
                + table.keyList() + " from jsonb_populate_record(null::" + ReplicatedTables.quote(table.name())
                + ", ?::jsonb))" + (table.versioned() ? " returning row_version" : "");
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, rowJson);
            if (table.versioned()) {
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        deletedVersion = Math.max(deletedVersion, rs.getLong(1));
                    }
                }
            } else {
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = connection.prepareStatement("""
                insert into replication_tombstone (table_name, row_key, row_version) values (?, ?, ?)
                on conflict (table_name, row_key) do update set row_version = greatest(replication_tombstone.row_version,
                excluded.row_version), deleted_at = now()""")) {
            p.setString(1, table.name());
            p.setString(2, key);
            p.setLong(3, deletedVersion);
            p.executeUpdate();
        }
        return deletedVersion;
    }

    private static String upsertSql(ReplicatedTables.Table table, List<String> present) {
        String name = ReplicatedTables.quote(table.name());
        String columns = present.stream().map(ReplicatedTables::quote).collect(Collectors.joining(", "));
        List<String> updatable = present.stream().filter(c -> !table.keyColumns().contains(c)).toList();
        String set = updatable.stream().map(c -> ReplicatedTables.quote(c) + " = excluded." + ReplicatedTables.quote(c))
                .collect(Collectors.joining(", "));
        String guard = table.versioned() ? " where cur.row_version < excluded.row_version" : "";
        String onConflict = updatable.isEmpty() ? " do nothing" : " do update set " + set + guard;
        // the tombstone check keeps a deleted row deleted when an older change of it arrives late
        return "insert into " + name + " as cur (" + columns + ") select " + columns
                + " from jsonb_populate_record(null::" + name + ", ?::jsonb) r"
                + " where not exists (select 1 from replication_tombstone tb where tb.table_name = ? and tb.row_key = ?"
                + " and tb.row_version >= ?)"
                + " on conflict (" + table.keyList() + ")" + onConflict;
    }

    /** The source's row as it is: no version guard, no tombstone check, and the key's tombstone goes. */
    private static String snapshotUpsertSql(ReplicatedTables.Table table, List<String> present) {
        String name = ReplicatedTables.quote(table.name());
        String columns = present.stream().map(ReplicatedTables::quote).collect(Collectors.joining(", "));
        List<String> updatable = present.stream().filter(c -> !table.keyColumns().contains(c)).toList();
        String set = updatable.stream().map(c -> ReplicatedTables.quote(c) + " = excluded." + ReplicatedTables.quote(c))
                .collect(Collectors.joining(", "));
        return "with cleared as (delete from replication_tombstone where table_name = ? and row_key = ?)"
                + " insert into " + name + " as cur (" + columns + ") select " + columns
                + " from jsonb_populate_record(null::" + name + ", ?::jsonb) r"
                + " on conflict (" + table.keyList() + ")" + (updatable.isEmpty() ? " do nothing" : " do update set " + set);
    }

    /** The row's key as a compact JSON array of its key columns' values, e.g. {@code ["3f2a…"]}. */
    String rowKey(ReplicatedTables.Table table, ObjectNode row) {
        ArrayNode key = json.createArrayNode();
        for (String column : table.keyColumns()) {
            JsonNode value = row.get(column);
            if (value == null || value.isNull()) {
                throw new ReplicationException("change for " + table.name() + " lacks key column " + column);
            }
            key.add(value);
        }
        return json.writeValueAsString(key);
    }
}
