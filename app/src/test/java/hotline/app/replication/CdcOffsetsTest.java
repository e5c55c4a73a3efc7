package hotline.app.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdcOffsetsTest {

    @Test
    void theEngineResumesAtTheLastAppliedCommitWithoutAProcessedPositionToSearchFor() {
        Map<String, Object> endOfTransaction = new LinkedHashMap<>();
        endOfTransaction.put("transaction_id", "1003");
        endOfTransaction.put("lsn_proc", 38266536L);
        endOfTransaction.put("messageType", "COMMIT");
        endOfTransaction.put("lsn_commit", 38266536L);
        endOfTransaction.put("lsn", 38266536L);
        endOfTransaction.put("txId", 1003L);
        endOfTransaction.put("ts_usec", 1796506677317504L);

        Map<String, Object> resume = CdcOffsets.resumePoint(endOfTransaction);

        assertThat(resume).doesNotContainKeys("lsn_proc", "lsn_commit")
                .containsEntry("lsn", 38266536L).containsEntry("txId", 1003L).containsEntry("transaction_id", "1003")
                .containsEntry("ts_usec", 1796506677317504L);
    }

    @Test
    void anOffsetWithoutAStartLsnIsHandedOverAsStored() {
        Map<String, Object> odd = Map.of("lsn_proc", 5L, "lsn_commit", 5L);

        assertThat(CdcOffsets.resumePoint(odd)).isEqualTo(odd);
    }
}
