package hotline.app.quarantine;

import hotline.app.quarantine.model.OrphanRule;
import hotline.app.quarantine.model.OrphanVerdict;
import hotline.app.quarantine.model.RowAtSite;
import hotline.app.quarantine.model.ScanWindow;
import hotline.app.replication.ConsistencyCheck;
import hotline.app.replication.ReplicatedTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the old active's database ({@code here}: this site, demoted) and the new active's ({@code peer}) table by
 * table and applies {@link OrphanRule} to every key that can hold an orphan change.
 *
 * <ol>
 *   <li>A table with the same keys at the same versions at both sites (count and checksum) holds none: skipped.</li>
 *   <li>Candidates here: rows whose commit time ({@code pg_xact_commit_timestamp(xmin)}) lies in the
 *       {@link ScanWindow}, or is unknown. Their keys are looked up at the new active (by primary key, in batches),
 *       with the row versions its journal replay applied from this site.</li>
 *   <li>Deletions: rows the new active committed before its promotion whose key is missing here.</li>
 * </ol>
 *
 * Row contents are compared on the columns both sites have except {@code row_version}, as canonical JSON. Nothing
 * is written here.
 */
@Component
class OrphanScanner {

    /** One orphan, with both sites' rows as stored JSON (null where a site has no row). */
    record Found(String table, String rowKey, OrphanVerdict verdict, RowAtSite oldActive, RowAtSite newActive,
                 String oldActiveRow, String newActiveRow) {
    }

    record TableOutcome(String table, boolean equal, int candidates, int orphans) {
    }

    /**
     * @param rewrittenHere rows the old active committed in its window that are no orphan (the new active has the same
     *                      content) but under another {@code row_version}: harmless to a resync, but the sites are not
     *                      equal, so the old active may not simply follow the new one (no handover slot)
     */
    record Outcome(List<Found> orphans, List<TableOutcome> tables, int unknownCommitTimes, int rewrittenHere) {
    }

    private final ReplicatedTables tables;
    private final JsonMapper json;
    private final QuarantineProperties properties;

    OrphanScanner(ReplicatedTables tables, JsonMapper json, QuarantineProperties properties) {
        this.tables = tables;
        this.json = json;
        this.properties = properties;
    }

    /**
     * @param thisSite     this site's id: whose journal-replayed rows the new active recorded
     * @param trackedHere  {@code track_commit_timestamp} is on here (else every row's commit time is unknown)
     * @param trackedPeer  the same at the new active
     */
    Outcome scan(Connection here, Connection peer, ScanWindow window, String thisSite, boolean trackedHere,
                 boolean trackedPeer) throws SQLException {
        List<Found> orphans = new ArrayList<>();
        List<TableOutcome> outcomes = new ArrayList<>();
        int unknown = 0;
        int rewritten = 0;
        for (ReplicatedTables.Table table : tables.business()) {
            if (ConsistencyCheck.sameKeysAndVersions(here, peer, table)) {
                outcomes.add(new TableOutcome(table.name(), true, 0, 0));
                continue;
            }
            int before = orphans.size();
            Candidates candidates = candidates(here, table, window, trackedHere);
            unknown += candidates.unknownCommitTimes;
            rewritten += changedHere(peer, table, window, thisSite, trackedPeer, candidates.rows, orphans);
            if (trackedPeer && window.promotedAt() != null) {
                deletedHere(here, peer, table, window, orphans);
            }
            outcomes.add(new TableOutcome(table.name(), false, candidates.rows.size(), orphans.size() - before));
        }
        return new Outcome(orphans, outcomes, unknown, rewritten);
    }

    private record Row(String keyText, long version, Instant committedAt, String content) {
    }

    private record Candidates(List<Row> rows, int unknownCommitTimes) {
    }

    private Candidates candidates(Connection here, ReplicatedTables.Table table, ScanWindow window, boolean tracked)
            throws SQLException {
        String ts = tracked ? "pg_xact_commit_timestamp(hr.xmin)" : "null::timestamptz";
        List<String> conditions = new ArrayList<>();
        List<Instant> bounds = new ArrayList<>();
        if (tracked) {
            if (window.after() != null) {
                conditions.add(ts + " > ?");
                bounds.add(window.after());
            }
            if (window.until() != null) {
                conditions.add(ts + " <= ?");
                bounds.add(window.until());
            }
        }
        String where = conditions.isEmpty() ? "" : " where " + ts + " is null or (" + String.join(" and ", conditions) + ")";
        List<Row> rows = new ArrayList<>();
        int unknown = 0;
        try (PreparedStatement p = here.prepareStatement(rowSelect(table, ts) + where)) {
            p.setFetchSize(1000);
            for (int i = 0; i < bounds.size(); i++) {
                p.setTimestamp(i + 1, Timestamp.from(bounds.get(i)));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    rows.add(row);
                    unknown += row.committedAt() == null ? 1 : 0;
                }
            }
        }
        return new Candidates(rows, unknown);
    }

    /** @return rows in the window that are no orphan but whose version the new active does not have */
    private int changedHere(Connection peer, ReplicatedTables.Table table, ScanWindow window, String thisSite,
                            boolean trackedPeer, List<Row> candidates, List<Found> orphans) throws SQLException {
        int batch = properties.lookupBatchSize();
        int rewritten = 0;
        for (int from = 0; from < candidates.size(); from += batch) {
            List<Row> slice = candidates.subList(from, Math.min(candidates.size(), from + batch));
            Map<String, Row> atPeer = lookUp(peer, table, slice, trackedPeer);
            Set<String> replayed = replayed(peer, table, thisSite, slice);
            for (Row mine : slice) {
                Row theirs = atPeer.get(mine.keyText());
                String[] comparable = comparable(mine.content(), theirs == null ? null : theirs.content());
                RowAtSite old = RowAtSite.of(mine.version(), mine.committedAt(), comparable[0]);
                RowAtSite neu = theirs == null ? RowAtSite.ABSENT
                        : RowAtSite.of(theirs.version(), theirs.committedAt(), comparable[1]);
                String key = canonicalKey(mine.keyText());
                OrphanVerdict verdict = OrphanRule.classify(old, neu, replayed.contains(key + "@" + mine.version()), window);
                if (verdict.orphan()) {
                    orphans.add(new Found(table.name(), key, verdict, old, neu, mine.content(),
                            theirs == null ? null : theirs.content()));
                } else if (window.holdsOldActiveCommit(mine.committedAt())
                        && (theirs == null || theirs.version() != mine.version())) {
                    rewritten++;
                }
            }
        }
        return rewritten;
    }

    /** The new active's rows for these keys, by primary key. */
    private Map<String, Row> lookUp(Connection peer, ReplicatedTables.Table table, List<Row> slice, boolean tracked)
            throws SQLException {
        ArrayNode keys = json.createArrayNode();
        for (Row row : slice) {
            ObjectNode full = (ObjectNode) json.readTree(row.content());
            ObjectNode key = keys.addObject();
            table.keyColumns().forEach(c -> key.set(c, full.get(c)));
        }
        String ts = tracked ? "pg_xact_commit_timestamp(hr.xmin)" : "null::timestamptz";
        String keyed = table.keyColumns().stream().map(c -> "hr." + quote(c)).collect(Collectors.joining(", "));
        String given = table.keyColumns().stream().map(c -> "k." + quote(c)).collect(Collectors.joining(", "));
        String sql = rowSelect(table, ts) + " where (" + keyed + ") in (select " + given
                + " from jsonb_populate_recordset(null::" + quote(table.name()) + ", ?::jsonb) k)";
        Map<String, Row> found = new HashMap<>();
        try (PreparedStatement p = peer.prepareStatement(sql)) {
            p.setString(1, json.writeValueAsString(keys));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    found.put(row.keyText(), row);
                }
            }
        }
        return found;
    }

    /** {@code key@version} of the rows the new active's journal replay applied from this site. */
    private Set<String> replayed(Connection peer, ReplicatedTables.Table table, String thisSite, List<Row> slice)
            throws SQLException {
        Set<String> result = new HashSet<>();
        String[] keys = slice.stream().map(r -> canonicalKey(r.keyText())).distinct().toArray(String[]::new);
        try (PreparedStatement p = peer.prepareStatement("""
                select row_key, row_version from quarantine_replayed_row
                where source_site = ? and table_name = ? and row_key = any(?)""")) {
            p.setString(1, thisSite);
            p.setString(2, table.name());
            p.setArray(3, peer.createArrayOf("text", keys));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1) + "@" + rs.getLong(2));
                }
            }
        }
        return result;
    }

    /** Rows the new active had before its promotion and this site no longer has. */
    private void deletedHere(Connection here, Connection peer, ReplicatedTables.Table table, ScanWindow window,
                             List<Found> orphans) throws SQLException {
        Set<String> mine = new HashSet<>();
        try (PreparedStatement p = here.prepareStatement("select jsonb_build_array(" + qualifiedKeys(table)
                + ")::text from " + quote(table.name()) + " hr")) {
            p.setFetchSize(5000);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    mine.add(rs.getString(1));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement p = peer.prepareStatement("select jsonb_build_array(" + qualifiedKeys(table)
                + ")::text from " + quote(table.name()) + " hr where pg_xact_commit_timestamp(hr.xmin) < ?")) {
            p.setFetchSize(5000);
            p.setTimestamp(1, Timestamp.from(window.promotedAt()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!mine.contains(rs.getString(1))) {
                        missing.add(rs.getString(1));
                    }
                }
            }
        }
        int batch = properties.lookupBatchSize();
        for (int from = 0; from < missing.size(); from += batch) {
            ArrayNode keys = json.createArrayNode();
            for (String keyText : missing.subList(from, Math.min(missing.size(), from + batch))) {
                JsonNode values = json.readTree(keyText);
                ObjectNode key = keys.addObject();
                for (int i = 0; i < table.keyColumns().size(); i++) {
                    key.set(table.keyColumns().get(i), values.get(i));
                }
            }
            String given = table.keyColumns().stream().map(c -> "k." + quote(c)).collect(Collectors.joining(", "));
            String sql = rowSelect(table, "pg_xact_commit_timestamp(hr.xmin)") + " where (" + qualifiedKeys(table)
                    + ") in (select " + given + " from jsonb_populate_recordset(null::" + quote(table.name()) + ", ?::jsonb) k)";
            try (PreparedStatement p = peer.prepareStatement(sql)) {
                p.setString(1, json.writeValueAsString(keys));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Row theirs = row(rs);
                        RowAtSite neu = RowAtSite.of(theirs.version(), theirs.committedAt(), theirs.content());
                        OrphanVerdict verdict = OrphanRule.classify(RowAtSite.ABSENT, neu, false, window);
                        if (verdict.orphan()) {
                            orphans.add(new Found(table.name(), canonicalKey(theirs.keyText()), verdict, RowAtSite.ABSENT,
                                    neu, null, theirs.content()));
                        }
                    }
                }
            }
        }
    }

    private static String rowSelect(ReplicatedTables.Table table, String commitTime) {
        return "select jsonb_build_array(" + qualifiedKeys(table) + ")::text, "
                + (table.versioned() ? "hr.row_version" : "0::bigint") + ", " + commitTime + ", to_jsonb(hr)::text from "
                + quote(table.name()) + " hr";
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp committed = rs.getTimestamp(3);
        return new Row(rs.getString(1), rs.getLong(2), committed == null ? null : committed.toInstant(), rs.getString(4));
    }

    /**
     * Both rows on the columns both sites have, keys sorted, as compact JSON: a column one site has not migrated
     * yet does not make every row differ.
     */
    private String[] comparable(String mine, String theirs) {
        if (theirs == null) {
            return new String[]{canonical((ObjectNode) json.readTree(mine), null), null};
        }
        ObjectNode a = (ObjectNode) json.readTree(mine);
        ObjectNode b = (ObjectNode) json.readTree(theirs);
        Set<String> common = new HashSet<>(a.propertyNames());
        common.retainAll(b.propertyNames());
        common.remove("row_version");
        return new String[]{canonical(a, common), canonical(b, common)};
    }

    private String canonical(ObjectNode row, Set<String> columns) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        row.properties().forEach(e -> {
            if (columns == null ? !e.getKey().equals("row_version") : columns.contains(e.getKey())) {
                sorted.put(e.getKey(), e.getValue());
            }
        });
        ObjectNode out = json.createObjectNode();
        sorted.forEach(out::set);
        return json.writeValueAsString(out);
    }

    /** The key as the applier writes it (compact JSON array), so that it matches the journal-replayed rows. */
    String canonicalKey(String keyText) {
        return json.writeValueAsString(json.readTree(keyText));
    }

    private static String qualifiedKeys(ReplicatedTables.Table table) {
        return table.keyColumns().stream().map(c -> "hr." + quote(c)).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static Map<String, Integer> byTable(List<Found> orphans) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        orphans.forEach(f -> counts.merge(f.table(), 1, Integer::sum));
        return counts;
    }
}
