package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of drill evidence: the exact text that is hashed, stored and exported. No Spring: the ops
 * CLI writes the same files.
 *
 * <p>Canonical means: the {@linkplain DrillEvidence#normalized() normalized} evidence; object keys sorted (by
 * UTF-16 code units, as {@link String#compareTo}); absent optional values left out (no {@code null}s); no
 * whitespace; times as ISO-8601 UTC with millisecond precision at most and no trailing zero groups
 * ({@link DateTimeFormatter#ISO_INSTANT}); numbers in plain notation without trailing zeros ({@code 1.8},
 * {@code 0}, {@code 100}, never {@code 1.80} or {@code 1E+2}); enums by name; strings as Jackson escapes them
 * (UTF-8, control characters as {@code \\uXXXX}). Lists keep their order (steps in the order they ran).
 */
public final class EvidenceJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EvidenceJson() {
    }

    /** The canonical text of the evidence; it must have an id. */
    public static String canonical(DrillEvidence evidence) {
        if (evidence.id() == null) {
            throw new IllegalArgumentException("evidence without an id has no canonical form; give it one first");
        }
        DrillEvidence e = evidence.normalized();
        Map<String, Object> root = new TreeMap<>();
        put(root, "id", e.id().toString());
        put(root, "kind", e.kind());
        put(root, "startedBy", e.startedBy());
        put(root, "trigger", e.trigger());
        put(root, "startedAt", e.startedAt());
        put(root, "finishedAt", e.finishedAt());
        put(root, "result", e.result());
        put(root, "reason", e.reason());
        List<Object> steps = new ArrayList<>();
        for (DrillEvidence.Step s : e.steps()) {
            Map<String, Object> step = new TreeMap<>();
            put(step, "name", s.name());
            put(step, "startedAt", s.startedAt());
            put(step, "finishedAt", s.finishedAt());
            put(step, "outcome", s.outcome());
            put(step, "detail", s.detail());
            steps.add(step);
        }
        root.put("steps", steps);
        List<Object> figures = new ArrayList<>();
        for (DrillEvidence.Figure f : e.figures()) {
            Map<String, Object> figure = new TreeMap<>();
            put(figure, "name", f.name());
            put(figure, "value", f.value());
            put(figure, "unit", f.unit());
            put(figure, "target", f.target());
            put(figure, "comparison", f.comparison());
            put(figure, "passed", f.passed());
            figures.add(figure);
        }
        root.put("figures", figures);
        Map<String, Object> integrity = new TreeMap<>();
        e.integrity().forEach((site, tables) -> {
            List<Object> rows = new ArrayList<>();
            for (DrillEvidence.TableCount t : tables) {
                Map<String, Object> table = new TreeMap<>();
                put(table, "table", t.table());
                put(table, "rows", t.rows());
                put(table, "checksum", t.checksum());
                rows.add(table);
            }
            integrity.put(site, rows);
        });
        root.put("integrity", integrity);
        put(root, "quarantined", e.quarantined().longValue());
        put(root, "notes", e.notes());
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(g, root);
        }
        return out.toString();
    }

    /** Reads canonical (or any well-typed) evidence JSON back; unknown fields are refused. */
    public static DrillEvidence parse(String json) {
        return MAPPER.readValue(json, DrillEvidence.class);
    }

    /** Whether the text is exactly the canonical form of what it says. */
    public static boolean isCanonical(String json) {
        try {
            return canonical(parse(json)).equals(json);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The export of one chained record: {@code {"evidence":<canonical JSON, verbatim>,"hash":…,"previousHash":…}}.
     * The evidence is embedded byte for byte, so {@code SHA-256(previousHash ‖ evidence)} can be re-computed from
     * the file alone.
     */
    public static String export(String canonicalJson, String hash, String previousHash) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("evidence");
            g.writeRawValue(canonicalJson);
            g.writeName("hash");
            g.writeString(hash);
            g.writeName("previousHash");
            g.writeString(previousHash);
            g.writeEndObject();
        }
        return out.toString();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void write(JsonGenerator g, Object value) {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                g.writeName((String) entry.getKey());
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Instant t) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(t));
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("no canonical form for " + value.getClass());
        }
    }
}
