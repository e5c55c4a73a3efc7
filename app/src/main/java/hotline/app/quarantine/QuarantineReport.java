package hotline.app.quarantine;

import hotline.app.quarantine.model.OrphanKind;
import hotline.app.quarantine.model.QuarantineStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What ops read before deciding about each orphan: counts per table and kind, and every entry with both sites'
 * versions of the row side by side, column by column. Rendered as JSON or as a self-contained HTML page.
 */
record QuarantineReport(String site, Instant generatedAt, long open, long reviewed, List<Count> counts,
                        List<Item> entries) {

    record Count(String table, OrphanKind kind, long open, long reviewed) {
    }

    record Item(QuarantineEntry entry, boolean deletedAtOldActive, boolean absentAtNewActive, List<Column> columns) {
    }

    /** One column of both versions; {@code differs} when the sites hold different values (or only one has the row). */
    record Column(String column, JsonNode oldActive, JsonNode newActive, boolean differs) {
    }

    static QuarantineReport of(String site, Instant now, List<QuarantineEntry> entries) {
        Map<String, long[]> counts = new TreeMap<>();
        for (QuarantineEntry e : entries) {
            long[] c = counts.computeIfAbsent(e.table() + "\u0000" + e.kind().name(), k -> new long[2]);
            c[e.status() == QuarantineStatus.OPEN ? 0 : 1]++;
        }
        List<Count> countList = new ArrayList<>();
        counts.forEach((k, c) -> {
            String[] parts = k.split("\u0000");
            countList.add(new Count(parts[0], OrphanKind.valueOf(parts[1]), c[0], c[1]));
        });
        List<Item> items = entries.stream().map(QuarantineReport::item).toList();
        long open = entries.stream().filter(e -> e.status() == QuarantineStatus.OPEN).count();
        return new QuarantineReport(site, now, open, entries.size() - open, countList, items);
    }

    private static Item item(QuarantineEntry e) {
        JsonNode old = e.oldActiveRow() == null || e.oldActiveRow().isNull() ? null : e.oldActiveRow();
        JsonNode neu = e.newActiveRow() == null || e.newActiveRow().isNull() ? null : e.newActiveRow();
        Set<String> names = new LinkedHashSet<>();
        if (old != null) {
            old.properties().forEach(p -> names.add(p.getKey()));
        }
        if (neu != null) {
            neu.properties().forEach(p -> names.add(p.getKey()));
        }
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            JsonNode a = old == null ? null : old.get(name);
            JsonNode b = neu == null ? null : neu.get(name);
            columns.add(new Column(name, a, b, !Objects.equals(a, b)));
        }
        return new Item(e, old == null, neu == null, columns);
    }

    String html() {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Failback quarantine — site ")
                .append(esc(site)).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}")
                .append("th{background:#f3f3f3}tr.differs td{background:#fff4d6}.k{font-family:monospace}")
                .append(".OPEN{color:#a40000;font-weight:bold}.REVIEWED{color:#2d6a00}")
                .append("</style></head><body>");
        h.append("<h1>Failback quarantine</h1><p>Site ").append(esc(site)).append(", generated ").append(generatedAt)
                .append(": <b>").append(open).append("</b> open, ").append(reviewed).append(" reviewed.</p>");
        h.append("<h2>Per table and kind</h2><table><tr><th>table</th><th>kind</th><th>open</th><th>reviewed</th></tr>");
        for (Count c : counts) {
            h.append("<tr><td>").append(esc(c.table())).append("</td><td>").append(c.kind()).append("</td><td>")
                    .append(c.open()).append("</td><td>").append(c.reviewed()).append("</td></tr>");
        }
        h.append("</table><h2>Entries</h2>");
        if (entries.isEmpty()) {
            h.append("<p>No orphan changes have been quarantined.</p>");
        }
        for (Item item : entries) {
            QuarantineEntry e = item.entry();
            h.append("<h3 id=\"").append(e.id()).append("\">").append(esc(e.table())).append(" <span class=\"k\">")
                    .append(esc(e.rowKey())).append("</span> — ").append(e.kind()).append(" — <span class=\"")
                    .append(e.status()).append("\">").append(e.status()).append("</span></h3>");
            h.append("<p>Entry <span class=\"k\">").append(e.id()).append("</span>, detected ").append(e.detectedAt())
                    .append(" by site ").append(esc(e.detectedBySite())).append(" (epoch ").append(e.epoch()).append("). ")
                    .append(esc(e.reason())).append('.');
            if (e.status() == QuarantineStatus.REVIEWED) {
                h.append(" Reviewed by ").append(esc(e.reviewedBy())).append(" at ").append(e.reviewedAt()).append(": ")
                        .append(esc(e.note()));
            }
            h.append("</p><table><tr><th>column</th><th>old active (site ").append(esc(e.oldActiveSite()))
                    .append(item.deletedAtOldActive() ? ", deleted" : ", committed " + e.oldActiveCommittedAt())
                    .append(")</th><th>new active (site ").append(esc(e.newActiveSite()))
                    .append(item.absentAtNewActive() ? ", no row" : ", committed " + e.newActiveCommittedAt())
                    .append(")</th></tr>");
            for (Column c : item.columns()) {
                h.append(c.differs() ? "<tr class=\"differs\">" : "<tr>").append("<td>").append(esc(c.column()))
                        .append("</td><td>").append(cell(c.oldActive(), item.deletedAtOldActive())).append("</td><td>")
                        .append(cell(c.newActive(), item.absentAtNewActive())).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static String cell(JsonNode value, boolean noRow) {
        if (noRow) {
            return "<i>—</i>";
        }
        if (value == null || value.isNull()) {
            return "<i>null</i>";
        }
        return esc(value.isString() ? value.asString() : value.toString());
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
