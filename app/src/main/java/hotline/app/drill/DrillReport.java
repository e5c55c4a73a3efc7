package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillResult;
import hotline.app.drill.model.EvidenceChain;
import hotline.app.drill.model.StepOutcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The readable report of one drill for auditors: a self-contained HTML page (inline CSS and an inline SVG
 * timeline, no script, no external resource) that opens offline from a file. No Spring: the ops CLI writes the
 * same page with {@link #writeFiles}.
 */
public final class DrillReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final int CHART_WIDTH = 960;
    private static final int LABEL_WIDTH = 230;
    private static final int CHART_RIGHT = 940;
    private static final int ROW = 24;
    private static final int AXIS = 34;

    private DrillReport() {
    }

    /** Writes {@code drill-<seq>-<id>.json} (the export) and {@code .html} (the report) into {@code directory}. */
    public static List<Path> writeFiles(ChainedEvidence record, EvidenceChain.Verification chain, ZoneId zone,
                                        Path directory) throws IOException {
        Files.createDirectories(directory);
        String base = "drill-" + record.seq() + "-" + record.evidence().id();
        Path json = directory.resolve(base + ".json");
        Path html = directory.resolve(base + ".html");
        Files.writeString(json, record.exportJson(), StandardCharsets.UTF_8);
        Files.writeString(html, html(record, chain, zone), StandardCharsets.UTF_8);
        return List.of(json, html);
    }

    public static String html(ChainedEvidence record, EvidenceChain.Verification chain, ZoneId zone) {
        DrillEvidence e = record.evidence();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc("Drill evidence #" + record.seq() + " · " + e.kind() + " · " + e.result() + " · "
                        + TIME.format(e.startedAt().atZone(zone)).substring(0, 10)))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header class=\"result-").append(e.result()).append("\">\n<h1>演练证据 Drill evidence #")
                .append(record.seq()).append(": ").append(e.kind()).append(" — ").append(e.result()).append("</h1>\n");
        h.append("<dl>\n");
        dt(h, "类型 Kind", e.kind().name());
        dt(h, "结果 Result", e.result().name());
        if (e.reason() != null) {
            dt(h, e.result() == DrillResult.REFUSED ? "拒绝原因 Refused because" : "原因 Reason", e.reason());
        }
        dt(h, "发起 Started by", e.startedBy() + " (" + e.trigger() + ")");
        dt(h, "开始 Started", time(e.startedAt(), zone));
        dt(h, "结束 Finished", time(e.finishedAt(), zone));
        dt(h, "时长 Duration", duration(Duration.between(e.startedAt(), e.finishedAt())));
        dt(h, "记录 Recorded", time(record.recordedAt(), zone) + " at site " + record.recordedSite() + " by "
                + record.recordedBy());
        dt(h, "编号 Id", e.id().toString());
        h.append("</dl>\n</header>\n");

        h.append("<section>\n<h2>时间线 Timeline</h2>\n");
        if (e.steps().isEmpty()) {
            h.append("<p class=\"muted\">No steps were run.</p>\n");
        } else {
            timeline(h, e);
        }
        h.append("</section>\n");

        figures(h, e);
        steps(h, e, zone);
        integrity(h, e);

        h.append("<section>\n<h2>隔离数据 Quarantined orphans</h2>\n<p>");
        h.append(e.quarantined() == 0 ? "None: no change existed at one site only."
                : e.quarantined() + " orphan change(s) were found at one site only and quarantined for review.");
        h.append("</p>\n</section>\n");

        if (e.notes() != null) {
            h.append("<section>\n<h2>备注 Notes</h2>\n<p class=\"notes\">").append(esc(e.notes())).append("</p>\n</section>\n");
        }

        tamperEvidence(h, record, chain);
        h.append("<footer>Hotline HA drill evidence · record #").append(record.seq()).append(" · ")
                .append(esc(record.hash())).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void timeline(StringBuilder h, DrillEvidence e) {
        Instant t0 = e.startedAt();
        Instant t1 = e.finishedAt();
        for (DrillEvidence.Step s : e.steps()) {
            t0 = s.startedAt().isBefore(t0) ? s.startedAt() : t0;
            t1 = s.finishedAt().isAfter(t1) ? s.finishedAt() : t1;
        }
        long spanMillis = Math.max(1, Duration.between(t0, t1).toMillis());
        int height = AXIS + ROW * e.steps().size() + 10;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"timeline of the drill's steps\">\n");
        // the drill's own window, then a tick grid
        double ds = x(e.startedAt(), t0, spanMillis);
        double de = x(e.finishedAt(), t0, spanMillis);
        h.append("<rect class=\"window\" x=\"").append(fmt(ds)).append("\" y=\"").append(AXIS - 6).append("\" width=\"")
                .append(fmt(Math.max(1, de - ds))).append("\" height=\"").append(height - AXIS).append("\"/>\n");
        long tick = tickMillis(spanMillis);
        for (long t = 0; t <= spanMillis; t += tick) {
            double x = LABEL_WIDTH + (CHART_RIGHT - LABEL_WIDTH) * (double) t / spanMillis;
            h.append("<line class=\"grid\" x1=\"").append(fmt(x)).append("\" y1=\"").append(AXIS - 8).append("\" x2=\"")
                    .append(fmt(x)).append("\" y2=\"").append(height - 4).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(AXIS - 14)
                    .append("\" text-anchor=\"middle\">").append(t == 0 ? "0" : "+" + esc(duration(Duration.ofMillis(t))))
                    .append("</text>\n");
        }
        int row = 0;
        for (DrillEvidence.Step s : e.steps()) {
            int y = AXIS + row * ROW;
            double xs = x(s.startedAt(), t0, spanMillis);
            double xe = x(s.finishedAt(), t0, spanMillis);
            String took = duration(Duration.between(s.startedAt(), s.finishedAt()));
            String label = s.name().length() > 32 ? s.name().substring(0, 31) + "…" : s.name();
            h.append("<g class=\"step ").append(s.outcome()).append("\"><title>").append(esc(s.name() + ": " + s.outcome()
                            + ", " + took + (s.detail() == null ? "" : " — " + s.detail()))).append("</title>")
                    .append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(label)).append("</text>")
                    .append("<rect x=\"").append(fmt(xs)).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(fmt(Math.max(2, xe - xs))).append("\" height=\"").append(ROW - 8).append("\" rx=\"2\"/>");
            boolean inside = xe + 90 > CHART_RIGHT;
            h.append("<text class=\"took\" x=\"").append(fmt(inside ? xs - 4 : Math.max(xe, xs + 2) + 4)).append("\" y=\"")
                    .append(y + 15).append("\" text-anchor=\"").append(inside ? "end" : "start").append("\">")
                    .append(esc(took)).append("</text></g>\n");
            row++;
        }
        h.append("</svg>\n<p class=\"legend\"><span class=\"key OK\"></span> OK <span class=\"key FAILED\"></span> FAILED "
                + "<span class=\"key SKIPPED\"></span> SKIPPED · shaded: the drill from start to finish</p>\n");
    }

    private static void figures(StringBuilder h, DrillEvidence e) {
        h.append("<section>\n<h2>指标与目标 Figures against targets</h2>\n");
        if (e.figures().isEmpty()) {
            h.append("<p class=\"muted\">No figures were measured.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<thead><tr><th>Figure</th><th class=\"num\">Measured</th><th class=\"num\">Target</th><th>Verdict</th></tr></thead>\n<tbody>\n");
        for (DrillEvidence.Figure f : e.figures()) {
            String verdict = f.passed() == null ? "<td class=\"muted\">— informational</td>"
                    : f.passed() ? "<td class=\"pass\">✓ met</td>" : "<td class=\"fail\">✗ missed</td>";
            h.append("<tr><td>").append(esc(figureName(f.name()))).append("</td><td class=\"num\">")
                    .append(esc(number(f.value()) + " " + f.unit())).append("</td><td class=\"num\">")
                    .append(f.target() == null ? "" : esc(f.comparison().symbol() + " " + number(f.target()) + " " + f.unit()))
                    .append("</td>").append(verdict).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void steps(StringBuilder h, DrillEvidence e, ZoneId zone) {
        if (e.steps().isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>步骤 Steps</h2>\n<table>\n<thead><tr><th>#</th><th>Step</th><th>Started</th><th>Finished</th>"
                + "<th class=\"num\">Took</th><th>Outcome</th><th>Detail</th></tr></thead>\n<tbody>\n");
        int i = 1;
        for (DrillEvidence.Step s : e.steps()) {
            h.append("<tr><td>").append(i++).append("</td><td>").append(esc(s.name())).append("</td><td>")
                    .append(esc(clock(s.startedAt(), zone))).append("</td><td>").append(esc(clock(s.finishedAt(), zone)))
                    .append("</td><td class=\"num\">").append(esc(duration(Duration.between(s.startedAt(), s.finishedAt()))))
                    .append("</td><td class=\"").append(s.outcome() == StepOutcome.FAILED ? "fail" : s.outcome() == StepOutcome.OK ? "pass" : "muted")
                    .append("\">").append(s.outcome()).append("</td><td>").append(s.detail() == null ? "" : esc(s.detail()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void integrity(StringBuilder h, DrillEvidence e) {
        h.append("<section>\n<h2>数据一致性 Data integrity</h2>\n");
        if (e.integrity().isEmpty()) {
            h.append("<p class=\"muted\">No data-integrity proof was recorded.</p>\n</section>\n");
            return;
        }
        List<String> sites = new ArrayList<>(e.integrity().keySet());
        Set<String> tables = new TreeSet<>();
        e.integrity().values().forEach(list -> list.forEach(t -> tables.add(t.table())));
        StringBuilder rows = new StringBuilder();
        int differing = 0;
        for (String table : tables) {
            rows.append("<tr><td>").append(esc(table)).append("</td>");
            DrillEvidence.TableCount first = null;
            boolean equal = true;
            for (String site : sites) {
                DrillEvidence.TableCount t = find(e.integrity(), site, table);
                if (t == null) {
                    equal = false;
                    rows.append("<td class=\"num muted\">—</td><td class=\"muted\">missing</td>");
                    continue;
                }
                if (first == null) {
                    first = t;
                } else if (first.rows() != t.rows() || !first.checksum().equals(t.checksum())) {
                    equal = false;
                }
                rows.append("<td class=\"num\">").append(t.rows()).append("</td><td><code>").append(esc(t.checksum()))
                        .append("</code></td>");
            }
            if (!equal) {
                differing++;
            }
            rows.append(equal ? "<td class=\"pass\">✓ equal</td>" : "<td class=\"fail\">✗ differs</td>").append("</tr>\n");
        }
        h.append("<p class=\"").append(differing == 0 ? "pass" : "fail").append("\">")
                .append(differing == 0 ? "All " + tables.size() + " tables have equal row counts and checksums at sites "
                        + esc(String.join(", ", sites)) + "."
                        : differing + " of " + tables.size() + " tables differ between sites " + esc(String.join(", ", sites)) + ".")
                .append("</p>\n<table>\n<thead><tr><th rowspan=\"2\">Table</th>");
        for (String site : sites) {
            h.append("<th colspan=\"2\">Site ").append(esc(site)).append("</th>");
        }
        h.append("<th rowspan=\"2\">Sites</th></tr>\n<tr>");
        for (int i = 0; i < sites.size(); i++) {
            h.append("<th class=\"num\">Rows</th><th>Checksum</th>");
        }
        h.append("</tr></thead>\n<tbody>\n").append(rows).append("</tbody>\n</table>\n</section>\n");
    }

    private static void tamperEvidence(StringBuilder h, ChainedEvidence record, EvidenceChain.Verification chain) {
        boolean own = record.hashMatches();
        boolean covered = chain != null && chain.covers(record.seq());
        h.append("<section class=\"chain\">\n<h2>防篡改 Tamper evidence</h2>\n<dl>\n");
        dt(h, "SHA-256", record.hash());
        dt(h, "Previous hash", record.previousHash());
        h.append("<dt>This record</dt><dd class=\"").append(own ? "pass" : "fail").append("\">")
                .append(own ? "✓ its content gives its hash" : "✗ its content does NOT give its hash: it was changed after it was recorded")
                .append("</dd>\n");
        h.append("<dt>Chain</dt><dd class=\"").append(chain == null ? "muted" : chain.intact() ? "pass" : covered ? "warn" : "fail")
                .append("\">").append(chain == null ? "not verified" : esc((chain.intact() ? "✓ " : "✗ ") + chain.summary()))
                .append("</dd>\n</dl>\n<p class=\"muted\">hash = SHA-256(previous hash ‖ canonical JSON). To check the "
                        + "exported JSON by hand: <code>printf '%s%s' \"$previousHash\" \"$evidence\" | sha256sum</code>.</p>\n</section>\n");
    }

    private static DrillEvidence.TableCount find(Map<String, List<DrillEvidence.TableCount>> integrity, String site, String table) {
        return integrity.get(site).stream().filter(t -> t.table().equals(table)).findFirst().orElse(null);
    }

    private static String figureName(String name) {
        return switch (name) {
            case DrillEvidence.RTO -> "RTO (last write before → first write after the switch)";
            case DrillEvidence.RPO -> "RPO (acknowledged writes lost)";
            case DrillEvidence.AGENT_INTERRUPTION -> "Agent-visible interruption";
            case DrillEvidence.ROUTING_SWITCH -> "Routing switch";
            case DrillEvidence.SEAT_SWITCH -> "Seat switch";
            default -> name;
        };
    }

    private static double x(Instant t, Instant t0, long spanMillis) {
        return LABEL_WIDTH + (CHART_RIGHT - LABEL_WIDTH) * (double) Duration.between(t0, t).toMillis() / spanMillis;
    }

    /** A 1-2-5 tick interval giving at most 8 ticks over the span. */
    static long tickMillis(long spanMillis) {
        long[] steps = {1, 2, 5};
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long s : steps) {
                long tick = s * magnitude;
                if (spanMillis / tick <= 8) {
                    return tick;
                }
            }
        }
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return number(BigDecimal.valueOf(ms, 3)) + " s";
        }
        if (ms < 3_600_000) {
            long s = ms / 1000;
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        long minutes = ms / 60_000;
        return (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static String number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Time of day only, for steps: the header gives the date and zone. */
    private static String clock(Instant t, ZoneId zone) {
        return t == null ? "" : CLOCK.format(t.atZone(zone));
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void dt(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body { margin: 0 auto; max-width: 1000px; padding: 1rem; font: 14px/1.45 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1d2733; }
            header { border-left: 8px solid #5c6b78; padding: .25rem 1rem; margin-bottom: 1rem; background: #f3f6f9; }
            header.result-PASSED { border-color: #2d6a3e; }
            header.result-FAILED { border-color: #b3261e; }
            header.result-REFUSED { border-color: #a86500; }
            h1 { font-size: 1.3rem; margin: .5rem 0; }
            h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; border-bottom: 1px solid #d5dee6; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
            dt { color: #5c6b78; }
            dd { margin: 0; word-break: break-all; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid #e3e9ee; vertical-align: top; }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            code { font-size: .9em; }
            .pass { color: #2d6a3e; font-weight: 600; }
            .fail { color: #b3261e; font-weight: 600; }
            .warn { color: #a86500; font-weight: 600; }
            .muted { color: #5c6b78; }
            .notes { white-space: pre-wrap; }
            svg.timeline { max-width: 100%; height: auto; font-size: 12px; }
            svg .window { fill: #eef4f9; }
            svg .grid { stroke: #d5dee6; stroke-width: 1; }
            svg .tick, svg .took { fill: #5c6b78; }
            svg .label { fill: #1d2733; }
            svg .OK rect, .key.OK { fill: #2d6a3e; background: #2d6a3e; }
            svg .FAILED rect, .key.FAILED { fill: #b3261e; background: #b3261e; }
            svg .SKIPPED rect, .key.SKIPPED { fill: #8a9aa8; background: #8a9aa8; }
            .key { display: inline-block; width: .9em; height: .9em; vertical-align: middle; margin-left: .75em; }
            .legend { color: #5c6b78; font-size: .9em; }
            footer { margin-top: 2rem; color: #5c6b78; font-size: .85em; word-break: break-all; }
            @media print { header { background: none; } }
            """;
}
