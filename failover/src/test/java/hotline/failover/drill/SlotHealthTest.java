package hotline.failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The drill's readiness check of the standby's slot, judged from the fields the app's replication view sends. */
class SlotHealthTest {

    private static JsonObject view(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void aSlotThatExistsAndIsReservedIsHealthy() {
        String[] result = DrillRunner.slotHealth(view("""
                {"cdcState":"STREAMING","slot":{"name":"hotline_to_b","exists":true,"walStatus":"reserved",
                 "invalidationReason":null,"walBehindBytes":120}}"""), "a");

        assertThat(result[0]).isEqualTo("ok");
        assertThat(result[1]).isEqualTo("slot hotline_to_b at site a exists, WAL behind 120 bytes");
    }

    @Test
    void aSlotPostgresInvalidatedIsLostEvenThoughItStillExists() {
        String[] result = DrillRunner.slotHealth(view("""
                {"cdcState":"STREAMING","slot":{"name":"hotline_to_b","exists":true,"walStatus":"lost",
                 "invalidationReason":"wal_removed","walBehindBytes":99999999}}"""), "a");

        assertThat(result[0]).isEqualTo("failed");
        assertThat(result[1]).isEqualTo("slot hotline_to_b at site a is lost (wal_status lost, invalidation wal_removed)");
    }

    @Test
    void aStandbyWhoseCdcDeclaredTheSlotLostFailsTheCheck() {
        String[] result = DrillRunner.slotHealth(view("""
                {"cdcState":"SLOT_LOST","cdcReason":"slot hotline_to_b was re-created past this standby's position",
                 "slot":{"name":"hotline_to_b","exists":true,"walStatus":"reserved","invalidationReason":null}}"""), "a");

        assertThat(result[0]).isEqualTo("failed");
        assertThat(result[1]).contains("is lost for site b's CDC: slot hotline_to_b was re-created");
    }

    @Test
    void aMissingSlotFailsTheCheck() {
        assertThat(DrillRunner.slotHealth(view("""
                {"cdcState":"FAILED","slot":{"name":"hotline_to_a","exists":false}}"""), "b"))
                .containsExactly("failed", "slot hotline_to_a at site b does not exist");
    }

    @Test
    void aStandbyThatHasNotCheckedItsSlotYetIsNotReady() {
        assertThat(DrillRunner.slotHealth(view("""
                {"cdcState":"STARTING","slotCheckError":"connection refused"}"""), "a"))
                .containsExactly("failed", "site b has not checked its slot at site a yet: connection refused");
    }
}
