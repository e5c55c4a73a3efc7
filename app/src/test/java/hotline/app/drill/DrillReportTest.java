package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillResult;
import hotline.app.drill.model.EvidenceChain;
import hotline.app.drill.model.SampleEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DrillReportTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static ChainedEvidence chained(DrillEvidence evidence) {
        String json = EvidenceJson.canonical(evidence);
        return new ChainedEvidence(7, evidence.normalized(), json, EvidenceChain.GENESIS,
                EvidenceChain.hash(EvidenceChain.GENESIS, json), Instant.parse("2026-05-04T03:01:00Z"), "ops", "b");
    }

    @Test
    void theReportIsOnePageWithNothingToFetch() {
        ChainedEvidence r = chained(SampleEvidence.switchover(UUID.randomUUID()));

        String html = DrillReport.html(r, EvidenceChain.verify(List.of(r.link())), SHANGHAI);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link").doesNotContain("src=").doesNotContain("@import");
    }

    @Test
    void theReportShowsHeaderFiguresIntegrityQuarantineAndChain() {
        ChainedEvidence r = chained(SampleEvidence.switchover(UUID.randomUUID()));

        String html = DrillReport.html(r, EvidenceChain.verify(List.of(r.link())), SHANGHAI);

        assertThat(html).contains("Drill evidence #7: SWITCHOVER — PASSED", "<dd>ops (MANUAL)</dd>",
                "<dd>2026-05-04 11:00:00.000 +08:00</dd>", "<dd>42.12 s</dd>", "at site b by ops");
        assertThat(html).contains("<td>RTO (last write before → first write after the switch)</td><td class=\"num\">1.8 s</td>"
                + "<td class=\"num\">≤ 30 s</td><td class=\"pass\">✓ met</td>");
        assertThat(html).contains("<td class=\"muted\">— informational</td>");
        assertThat(html).contains("All 2 tables have equal row counts and checksums at sites a, b.");
        assertThat(html).contains("None: no change existed at one site only.");
        assertThat(html).contains(r.hash(), "✓ its content gives its hash", "✓ intact: 1 record(s), head #7");
        // one bar per step on the timeline
        assertThat(html.split("<g class=\"step ", -1)).hasSize(1 + 5);
    }

    @Test
    void aFailedDrillShowsWhatMissedAndWhereSitesDiffer() {
        DrillEvidence e = SampleEvidence.switchover(UUID.randomUUID(), new java.math.BigDecimal("45"));
        e = new DrillEvidence(e.id(), e.kind(), e.startedBy(), e.trigger(), e.startedAt(), e.finishedAt(), DrillResult.FAILED,
                "RTO over target", e.steps(), e.figures(),
                Map.of("a", List.of(new DrillEvidence.TableCount("ticket", 121, "aa")),
                        "b", List.of(new DrillEvidence.TableCount("ticket", 120, "bb"))), 2, "<b>not bold</b>");
        ChainedEvidence r = chained(e);

        String html = DrillReport.html(r, null, SHANGHAI);

        assertThat(html).contains("class=\"result-FAILED\"", "<td class=\"fail\">✗ missed</td>",
                "1 of 1 tables differ between sites a, b.", "<td class=\"fail\">✗ differs</td>",
                "2 orphan change(s) were found at one site only and quarantined", "&lt;b&gt;not bold&lt;/b&gt;",
                "<dt>Chain</dt><dd class=\"muted\">not verified</dd>");
        assertThat(html).doesNotContain("<b>not bold</b>");
    }

    @Test
    void aChangedRecordSaysSoInItsReport() {
        ChainedEvidence r = chained(SampleEvidence.switchover(UUID.randomUUID()));
        ChainedEvidence changed = new ChainedEvidence(r.seq(), r.evidence(), r.canonicalJson().replace("1.8", "0.8"),
                r.previousHash(), r.hash(), r.recordedAt(), r.recordedBy(), r.recordedSite());

        String html = DrillReport.html(changed, EvidenceChain.verify(List.of(changed.link())), SHANGHAI);

        assertThat(html).contains("✗ its content does NOT give its hash", "✗ BROKEN at record #7");
    }

    @Test
    void theCliWritesTheSameJsonAndHtmlToFiles(@TempDir Path dir) throws IOException {
        ChainedEvidence r = chained(SampleEvidence.switchover(UUID.randomUUID()));
        EvidenceChain.Verification v = EvidenceChain.verify(List.of(r.link()));

        List<Path> files = DrillReport.writeFiles(r, v, SHANGHAI, dir);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("drill-7-" + r.evidence().id() + ".json", "drill-7-" + r.evidence().id() + ".html");
        assertThat(Files.readString(files.get(0))).isEqualTo(r.exportJson());
        assertThat(Files.readString(files.get(1))).isEqualTo(DrillReport.html(r, v, SHANGHAI));
    }

    @Test
    void durationsAndTicksReadNaturally() {
        assertThat(DrillReport.duration(Duration.ofMillis(450))).isEqualTo("450 ms");
        assertThat(DrillReport.duration(Duration.ofMillis(1800))).isEqualTo("1.8 s");
        assertThat(DrillReport.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(DrillReport.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(DrillReport.tickMillis(42_120)).isEqualTo(5_000);
        assertThat(DrillReport.tickMillis(5)).isEqualTo(1);
    }
}
