package hotline.failover.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A drill's evidence as the drill runner collects it: who started it, each step with its start and end, the figures
 * against their targets, the integrity proof per site, the quarantine count. {@link #toJson()} is the body of
 * {@code POST /api/ops/drills} at the active site, which stores it in the hash chain and renders the HTML report.
 */
public final class Evidence {

    public enum Result { PASSED, FAILED, REFUSED }

    /** One step: name, start, end, outcome (ok / failed / refused) and what it saw. */
    public record Step(String name, Instant startedAt, Instant finishedAt, String outcome, String detail) {
    }

    /**
     * One measured figure against its target. {@code comparison}: {@code <=} (at most) or {@code ==} (exactly); sent
     * as AT_MOST / EQUAL. Names are the app's well-known ones where they exist ({@code rto}, {@code rpo},
     * {@code agent_interruption}, {@code routing_switch}, {@code seat_switch}).
     */
    public record Figure(String name, double value, String unit, double target, String comparison) {
        /** Judged on the values as stored (3 decimals), so the site that checks the verdict comes to the same one. */
        public boolean passed() {
            int c = stored(value).compareTo(stored(target));
            return comparison.equals("==") ? c == 0 : c <= 0;
        }

        static java.math.BigDecimal stored(double v) {
            return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s %s %s (target %s %s %s): %s", name, format(value), unit, comparison,
                    format(target), unit, passed() ? "PASS" : "FAIL");
        }

        private static String format(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    /** One table of the consistency check at one site. */
    public record TableProof(String table, long rows, String checksum) {
    }

    /** Our own id, sent with the evidence: a retried POST is then recognised by the site and appends nothing. */
    private final String id = java.util.UUID.randomUUID().toString();
    private final String kind;
    private final String startedBy;
    private final String trigger;
    private final Instant startedAt;
    private Instant finishedAt;
    private Result result;
    private final List<Step> steps = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<TableProof>> integrity = new LinkedHashMap<>();
    private int quarantined;
    private String reason;
    private final List<String> notes = new ArrayList<>();

    public Evidence(String kind, String startedBy, String trigger, Instant startedAt) {
        this.kind = kind;
        this.startedBy = startedBy;
        this.trigger = trigger;
        this.startedAt = startedAt;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    public void step(Step step) {
        steps.add(step);
    }

    public void figure(Figure figure) {
        figures.add(figure);
    }

    public void integrity(String site, List<TableProof> tables) {
        integrity.put(site, List.copyOf(tables));
    }

    public void quarantined(int count) {
        quarantined = count;
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Result result() {
        return result;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Ends the drill: PASSED when every step was ok and every figure passed, REFUSED when a guard stopped it. */
    public Evidence finish(Instant at, boolean refused) {
        finishedAt = at;
        if (refused) {
            result = Result.REFUSED;
            reason = steps.stream().filter(s -> !s.outcome().equals("ok")).map(Step::detail).findFirst()
                    .orElse("refused by a guard");
        } else {
            boolean stepsOk = steps.stream().allMatch(s -> s.outcome().equals("ok"));
            boolean figuresOk = !figures.isEmpty() && figures.stream().allMatch(Figure::passed);
            result = stepsOk && figuresOk ? Result.PASSED : Result.FAILED;
        }
        return this;
    }

    public Duration wallTime() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("kind", kind.toUpperCase(Locale.ROOT));
        o.addProperty("startedBy", startedBy);
        o.addProperty("trigger", trigger);
        o.addProperty("startedAt", startedAt.toString());
        o.addProperty("finishedAt", finishedAt.toString());
        o.addProperty("result", result.name());
        if (reason != null) {
            o.addProperty("reason", reason);
        }
        JsonArray s = new JsonArray();
        for (Step step : steps) {
            JsonObject j = new JsonObject();
            j.addProperty("name", step.name());
            j.addProperty("startedAt", step.startedAt().toString());
            j.addProperty("finishedAt", step.finishedAt().toString());
            j.addProperty("outcome", step.outcome().equals("ok") ? "OK" : "FAILED");
            j.addProperty("detail", step.detail());
            s.add(j);
        }
        o.add("steps", s);
        JsonArray f = new JsonArray();
        for (Figure figure : figures) {
            JsonObject j = new JsonObject();
            j.addProperty("name", figure.name());
            j.addProperty("value", Figure.stored(figure.value()));
            j.addProperty("unit", figure.unit());
            j.addProperty("target", Figure.stored(figure.target()));
            j.addProperty("comparison", figure.comparison().equals("==") ? "EQUAL" : "AT_MOST");
            j.addProperty("passed", figure.passed());
            f.add(j);
        }
        o.add("figures", f);
        JsonObject proof = new JsonObject();
        integrity.forEach((site, tables) -> {
            JsonArray t = new JsonArray();
            for (TableProof table : tables) {
                JsonObject j = new JsonObject();
                j.addProperty("table", table.table());
                j.addProperty("rows", table.rows());
                j.addProperty("checksum", table.checksum());
                t.add(j);
            }
            proof.add(site, t);
        });
        o.add("integrity", proof);
        o.addProperty("quarantined", quarantined);
        o.addProperty("notes", String.join("\n", notes));
        return o;
    }
}
