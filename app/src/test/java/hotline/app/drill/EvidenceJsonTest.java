package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.SampleEvidence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceJsonTest {

    private static final UUID ID = UUID.fromString("6b1f1f0e-2c2d-4c51-9d0e-3a3f4a1b2c3d");

    @Test
    void canonicalTextHasSortedKeysNoNullsMillisecondTimesAndPlainNumbers() {
        String json = EvidenceJson.canonical(SampleEvidence.switchover(ID, new BigDecimal("1.800")));

        assertThat(json).startsWith("{\"figures\":[{\"comparison\":\"AT_MOST\",\"name\":\"rto\",\"passed\":true,"
                + "\"target\":30,\"unit\":\"s\",\"value\":1.8},");
        assertThat(json).contains("\"finishedAt\":\"2026-05-04T03:00:42.120Z\",\"id\":\"" + ID + "\"");
        assertThat(json).contains("{\"name\":\"acknowledged_writes\",\"unit\":\"writes\",\"value\":603}");
        assertThat(json).contains("\"integrity\":{\"a\":[{\"checksum\":\"77\",\"rows\":12,\"table\":\"account\"},"
                + "{\"checksum\":\"9f3a\",\"rows\":120,\"table\":\"ticket\"}],\"b\":[");
        assertThat(json).contains("{\"finishedAt\":\"2026-05-04T03:00:03.400Z\",\"name\":\"fence a\",\"outcome\":\"OK\","
                + "\"startedAt\":\"2026-05-04T03:00:03.100Z\"}");
        assertThat(json).doesNotContain("null").doesNotContain("\": ").doesNotContain(", \"").doesNotContain("\n").doesNotContain("E+");
        assertThat(json).endsWith("\"trigger\":\"MANUAL\"}");
    }

    @Test
    void equalEvidenceGivesTheSameTextWhateverItsSpelling() {
        DrillEvidence a = SampleEvidence.switchover(ID, new BigDecimal("1.8"));
        // same evidence: other number scale, sub-millisecond noise, integrity tables in another order
        DrillEvidence b = SampleEvidence.switchover(ID, new BigDecimal("1.80000"));
        Map<String, List<DrillEvidence.TableCount>> reversed = new LinkedHashMap<>();
        b.integrity().forEach((site, tables) -> {
            List<DrillEvidence.TableCount> copy = new ArrayList<>(tables);
            Collections.reverse(copy);
            reversed.put(site, copy);
        });
        b = new DrillEvidence(b.id(), b.kind(), b.startedBy(), b.trigger(), b.startedAt().plusNanos(300_000),
                b.finishedAt(), b.result(), b.reason(), b.steps(), b.figures(), reversed, b.quarantined(), b.notes());

        assertThat(EvidenceJson.canonical(b)).isEqualTo(EvidenceJson.canonical(a));
    }

    @Test
    void canonicalTextReadsBackToTheSameText() {
        String json = EvidenceJson.canonical(SampleEvidence.switchover(ID));

        DrillEvidence read = EvidenceJson.parse(json);

        assertThat(read).isEqualTo(SampleEvidence.switchover(ID).normalized());
        assertThat(EvidenceJson.canonical(read)).isEqualTo(json);
        assertThat(EvidenceJson.isCanonical(json)).isTrue();
        assertThat(EvidenceJson.isCanonical(json.replace("\"id\"", " \"id\""))).isFalse();
    }

    @Test
    void textIsEscapedByJacksonNotConcatenated() {
        DrillEvidence e = SampleEvidence.switchover(ID);
        e = new DrillEvidence(e.id(), e.kind(), "运维 \"ops\"\n", e.trigger(), e.startedAt(), e.finishedAt(), e.result(),
                null, e.steps(), e.figures(), e.integrity(), e.quarantined(), "line1\nline2 </script>");

        String json = EvidenceJson.canonical(e);

        assertThat(json).contains("\"startedBy\":\"运维 \\\"ops\\\"\"").contains("\"notes\":\"line1\\nline2 </script>\"");
        assertThat(EvidenceJson.parse(json).notes()).isEqualTo("line1\nline2 </script>");
    }

    @Test
    void evidenceWithoutAnIdHasNoCanonicalForm() {
        assertThatThrownBy(() -> EvidenceJson.canonical(SampleEvidence.switchover(null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExportEmbedsTheCanonicalTextVerbatim() {
        String json = EvidenceJson.canonical(SampleEvidence.switchover(ID));

        String export = EvidenceJson.export(json, "ab".repeat(32), "0".repeat(64));

        assertThat(export).isEqualTo("{\"evidence\":" + json + ",\"hash\":\"" + "ab".repeat(32)
                + "\",\"previousHash\":\"" + "0".repeat(64) + "\"}");
    }
}
