package hotline.app.drill.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one disaster-recovery drill did and measured, as the auditors read it: who or what started it, every step
 * with its start and end, the measured figures against their targets, the data-integrity proof of both sites
 * (the consistency check's per-table row counts and checksums), quarantined orphans, and the result.
 *
 * <p>Invariants ({@link #violations()} lists every broken one at once):
 * <ol>
 *   <li>{@code finishedAt ≥ startedAt}, for the drill and for every step.</li>
 *   <li>A figure with a target names its comparison and says whether it passed, and that verdict is what the
 *       comparison of value and target gives; a figure without a target is informational (no verdict).</li>
 *   <li>The well-known figures ({@link #RTO}, {@link #RPO}, …) have their fixed units; the RPO target, when
 *       given, is 0 — an acknowledged write is never lost.</li>
 *   <li>{@code PASSED} means no failed step and no missed target; {@code REFUSED} says why in {@code reason}.</li>
 * </ol>
 *
 * <p>{@link #normalized()} is the form that is hashed and stored: times to the millisecond, numbers without
 * trailing zeros, integrity sites and tables sorted by name, absent lists empty.
 */
public record DrillEvidence(UUID id, DrillKind kind, String startedBy, DrillTrigger trigger, Instant startedAt,
                            Instant finishedAt, DrillResult result, String reason, List<Step> steps,
                            List<Figure> figures, Map<String, List<TableCount>> integrity, Integer quarantined,
                            String notes) {

    /** Last acknowledged write before the switch → first acknowledged write after it, in seconds. */
    public static final String RTO = "rto";
    /** Acknowledged writes missing after the switch (must be 0). */
    public static final String RPO = "rpo";
    /** The longest time an agent's desk could not save, in seconds. */
    public static final String AGENT_INTERRUPTION = "agent_interruption";
    /** From the decision to switch until every routing target pointed at the new active site, in seconds. */
    public static final String ROUTING_SWITCH = "routing_switch";
    /** From the decision to switch until every logged-in agent had a seat at the new active site, in seconds. */
    public static final String SEAT_SWITCH = "seat_switch";

    /** The units of the well-known figures; other figures name their own. */
    public static final Map<String, String> KNOWN_UNITS = Map.of(RTO, "s", RPO, "writes", AGENT_INTERRUPTION, "s",
            ROUTING_SWITCH, "s", SEAT_SWITCH, "s");

    static final int MAX_STEPS = 200;
    static final int MAX_FIGURES = 50;
    static final int MAX_SITES = 4;
    static final int MAX_TABLES = 500;
    private static final Pattern FIGURE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z%/_]{1,16}");
    private static final Pattern SITE = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{1,64}");

    /** One named step of the drill's procedure, as timed by the runner. */
    public record Step(String name, Instant startedAt, Instant finishedAt, StepOutcome outcome, String detail) {

        public Step normalized() {
            return new Step(name, millis(startedAt), millis(finishedAt), outcome, blankToNull(detail));
        }
    }

    /**
     * A measured figure. {@code target}, {@code comparison} and {@code passed} go together: all three or none.
     */
    public record Figure(String name, BigDecimal value, String unit, BigDecimal target, Comparison comparison,
                         Boolean passed) {

        public static Figure measured(String name, BigDecimal value, String unit, Comparison comparison,
                                      BigDecimal target) {
            return new Figure(name, value, unit, target, comparison, comparison.holds(value, target));
        }

        public static Figure informational(String name, BigDecimal value, String unit) {
            return new Figure(name, value, unit, null, null, null);
        }

        public boolean missed() {
            return Boolean.FALSE.equals(passed);
        }

        public Figure normalized() {
            return new Figure(name, plain(value), unit, plain(target), comparison, passed);
        }
    }

    /** One table of one site in the data-integrity proof: its row count and checksum (as the consistency check computes them). */
    public record TableCount(String table, long rows, String checksum) {
    }

    public DrillEvidence {
        // copies that keep null elements, so that violations() can name them instead of failing here
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
        figures = figures == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(figures));
        integrity = integrity == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(integrity));
        quarantined = quarantined == null ? 0 : quarantined;
    }

    public DrillEvidence withId(UUID newId) {
        return new DrillEvidence(newId, kind, startedBy, trigger, startedAt, finishedAt, result, reason, steps, figures,
                integrity, quarantined, notes);
    }

    public Optional<Figure> figure(String name) {
        return figures.stream().filter(f -> name.equals(f.name())).findFirst();
    }

    /** The form that is hashed and stored; idempotent. */
    public DrillEvidence normalized() {
        Map<String, List<TableCount>> sortedIntegrity = new TreeMap<>();
        integrity.forEach((site, tables) -> sortedIntegrity.put(site, tables == null ? List.of()
                : tables.stream().sorted(Comparator.comparing(TableCount::table, Comparator.nullsFirst(Comparator.naturalOrder())))
                        .toList()));
        return new DrillEvidence(id, kind, startedBy == null ? null : startedBy.strip(), trigger, millis(startedAt),
                millis(finishedAt), result, blankToNull(reason), steps.stream().map(Step::normalized).toList(),
                figures.stream().map(Figure::normalized).toList(), sortedIntegrity, quarantined, blankToNull(notes));
    }

    /** Every broken invariant, as "field: problem" sentences; empty when the evidence is well-formed. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        if (kind == null) {
            v.add("kind: required, one of READINESS, SWITCHOVER, FAILOVER, CHAOS");
        }
        if (startedBy == null || startedBy.isBlank()) {
            v.add("startedBy: required (the person or schedule that started the drill)");
        } else if (startedBy.length() > 128) {
            v.add("startedBy: at most 128 characters");
        }
        if (trigger == null) {
            v.add("trigger: required, MANUAL or SCHEDULE");
        }
        if (result == null) {
            v.add("result: required, PASSED, FAILED or REFUSED");
        }
        if (startedAt == null) {
            v.add("startedAt: required");
        }
        if (finishedAt == null) {
            v.add("finishedAt: required");
        }
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            v.add("finishedAt: " + finishedAt + " is before startedAt " + startedAt);
        }
        if (reason != null && reason.length() > 2000) {
            v.add("reason: at most 2000 characters");
        }
        if (notes != null && notes.length() > 8000) {
            v.add("notes: at most 8000 characters");
        }
        if (quarantined < 0) {
            v.add("quarantined: must not be negative, was " + quarantined);
        }
        checkSteps(v);
        checkFigures(v);
        checkIntegrity(v);
        checkResult(v);
        return v;
    }

    private void checkSteps(List<String> v) {
        if (steps.size() > MAX_STEPS) {
            v.add("steps: at most " + MAX_STEPS + ", were " + steps.size());
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String at = "steps[" + i + "]";
            if (s == null) {
                v.add(at + ": null");
                continue;
            }
            if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
                v.add(at + ".name: required, at most 100 characters");
            }
            if (s.startedAt() == null || s.finishedAt() == null) {
                v.add(at + ": startedAt and finishedAt are required");
            } else if (s.finishedAt().isBefore(s.startedAt())) {
                v.add(at + ".finishedAt: " + s.finishedAt() + " is before its startedAt " + s.startedAt());
            }
            if (s.outcome() == null) {
                v.add(at + ".outcome: required, OK, FAILED or SKIPPED");
            }
            if (s.detail() != null && s.detail().length() > 2000) {
                v.add(at + ".detail: at most 2000 characters");
            }
        }
    }

    private void checkFigures(List<String> v) {
        if (figures.size() > MAX_FIGURES) {
            v.add("figures: at most " + MAX_FIGURES + ", were " + figures.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            String at = "figures[" + i + "]";
            if (f == null) {
                v.add(at + ": null");
                continue;
            }
            if (f.name() == null || !FIGURE_NAME.matcher(f.name()).matches()) {
                v.add(at + ".name: lower-case letters, digits and _ (e.g. rto, rpo, seat_switch), was " + f.name());
            } else if (!names.add(f.name())) {
                v.add(at + ".name: " + f.name() + " appears twice");
            } else {
                at = "figures[" + f.name() + "]";
            }
            if (f.value() == null) {
                v.add(at + ".value: required");
            } else if (f.value().abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0 || f.value().scale() > 9) {
                v.add(at + ".value: out of range (|value| ≤ 10^12, at most 9 decimals)");
            }
            if (f.unit() == null || !UNIT.matcher(f.unit()).matches()) {
                v.add(at + ".unit: required, 1-16 letters (s, writes, …), was " + f.unit());
            } else if (f.name() != null && KNOWN_UNITS.containsKey(f.name()) && !KNOWN_UNITS.get(f.name()).equals(f.unit())) {
                v.add(at + ".unit: " + f.name() + " is measured in " + KNOWN_UNITS.get(f.name()) + ", not " + f.unit());
            }
            boolean anyVerdict = f.target() != null || f.comparison() != null || f.passed() != null;
            boolean fullVerdict = f.target() != null && f.comparison() != null && f.passed() != null;
            if (anyVerdict && !fullVerdict) {
                v.add(at + ": target, comparison and passed go together (all three, or none for an informational figure)");
            } else if (fullVerdict && f.value() != null && f.comparison().holds(f.value(), f.target()) != f.passed()) {
                v.add(at + ".passed: " + f.value().toPlainString() + " " + f.comparison().symbol() + " "
                        + f.target().toPlainString() + " is " + !f.passed() + ", but passed says " + f.passed());
            }
            if (RPO.equals(f.name()) && f.target() != null
                    && (f.target().signum() != 0 || f.comparison() == Comparison.AT_LEAST)) {
                v.add(at + ".target: the RPO target is 0 acknowledged writes lost (AT_MOST 0)");
            }
        }
    }

    private void checkIntegrity(List<String> v) {
        if (integrity.size() > MAX_SITES) {
            v.add("integrity: at most " + MAX_SITES + " sites, were " + integrity.size());
        }
        integrity.forEach((site, tables) -> {
            String at = "integrity[" + site + "]";
            if (site == null || !SITE.matcher(site).matches()) {
                v.add("integrity: site ids are lower-case letters and digits, was " + site);
            }
            if (tables == null) {
                v.add(at + ": a list of tables is required");
                return;
            }
            if (tables.size() > MAX_TABLES) {
                v.add(at + ": at most " + MAX_TABLES + " tables, were " + tables.size());
            }
            Set<String> seen = new HashSet<>();
            for (TableCount t : tables) {
                if (t == null || t.table() == null || !TABLE.matcher(t.table()).matches()) {
                    v.add(at + ": table names are lower-case identifiers, was " + (t == null ? null : t.table()));
                    continue;
                }
                if (!seen.add(t.table())) {
                    v.add(at + ": table " + t.table() + " appears twice");
                }
                if (t.rows() < 0) {
                    v.add(at + "[" + t.table() + "].rows: must not be negative");
                }
                if (t.checksum() == null || !CHECKSUM.matcher(t.checksum()).matches()) {
                    v.add(at + "[" + t.table() + "].checksum: lower-case hex, was " + t.checksum());
                }
            }
        });
    }

    private void checkResult(List<String> v) {
        if (result == DrillResult.REFUSED && (reason == null || reason.isBlank())) {
            v.add("reason: a REFUSED drill records why it was refused");
        }
        if (result == DrillResult.PASSED) {
            figures.stream().filter(f -> f != null && f.missed()).forEach(f ->
                    v.add("result: PASSED, but figure " + f.name() + " missed its target"));
            steps.stream().filter(s -> s != null && s.outcome() == StepOutcome.FAILED).forEach(s ->
                    v.add("result: PASSED, but step " + s.name() + " failed"));
        }
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
