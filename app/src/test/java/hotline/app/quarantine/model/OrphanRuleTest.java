package hotline.app.quarantine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classification of one key at a demoted old active: the decision table of the failback quarantine.
 * Clock: the new active applied the old active's transactions up to 10:00 (watermark), the old active was found
 * STANDBY at 10:05, the new active was promoted at 10:01.
 */
class OrphanRuleTest {

    static final Instant WATERMARK = Instant.parse("2026-07-01T10:00:00Z");
    static final Instant DEMOTED = Instant.parse("2026-07-01T10:05:00Z");
    static final Instant PROMOTED = Instant.parse("2026-07-01T10:01:00Z");
    static final ScanWindow WINDOW = new ScanWindow(WATERMARK, DEMOTED, PROMOTED);

    static Instant at(String time) {
        return Instant.parse("2026-07-01T" + time + "Z");
    }

    static RowAtSite row(long version, String committed, String content) {
        return RowAtSite.of(version, committed == null ? null : at(committed), content);
    }

    static Stream<Arguments> decisionTable() {
        RowAtSite absent = RowAtSite.ABSENT;
        return Stream.of(
                // old active's row                 new active's row                     replayed  -> kind (null: no orphan), deletion
                Arguments.of("committed before the watermark: it reached the new active",
                        row(7, "09:59:59", "x"), row(9, "10:02:00", "y"), false, null, false),
                Arguments.of("committed exactly at the watermark: it was the last one applied",
                        row(7, "10:00:00", "x"), absent, false, null, false),
                Arguments.of("committed after the demotion: written by CDC from the new active, not by the old active",
                        row(7, "10:06:00", "x"), absent, false, null, false),
                Arguments.of("after the watermark but identical at the new active (CDC got it just in time)",
                        row(7, "10:00:01", "x"), row(7, "10:00:30", "x"), false, null, false),
                Arguments.of("rewritten at the old active with the values the new active has (only the version moved)",
                        row(7, "10:00:01", "x"), row(5, "09:30:00", "x"), false, null, false),
                Arguments.of("after the watermark, replayed from the journal, then changed by the new active",
                        row(7, "10:00:01", "x"), row(12, "10:02:00", "y"), true, null, false),
                Arguments.of("inserted at the old active only",
                        row(7, "10:00:01", "x"), absent, false, OrphanKind.ONLY_AT_OLD_ACTIVE, false),
                Arguments.of("updated at the old active; the new active still has the copy it had before its promotion",
                        row(7, "10:00:01", "x"), row(5, "09:30:00", "w"), false, OrphanKind.ONLY_AT_OLD_ACTIVE, false),
                Arguments.of("updated at the old active and at the new active after its promotion",
                        row(7, "10:00:01", "x"), row(8, "10:03:00", "y"), false, OrphanKind.CHANGED_AT_BOTH_SITES, false),
                Arguments.of("same version number but other content at the new active (both sites assigned it)",
                        row(7, "10:00:01", "x"), row(7, "10:03:00", "y"), false, OrphanKind.CHANGED_AT_BOTH_SITES, false),
                Arguments.of("old active's commit time unknown and the row differs: reported rather than lost",
                        row(7, null, "x"), row(5, "09:30:00", "w"), false, OrphanKind.ONLY_AT_OLD_ACTIVE, false),
                Arguments.of("old active's commit time unknown but identical at the new active",
                        row(7, null, "x"), row(7, "09:30:00", "x"), false, null, false),
                Arguments.of("new active's commit time unknown: it may have changed the key after its promotion",
                        row(7, "10:00:01", "x"), row(5, null, "w"), false, OrphanKind.CHANGED_AT_BOTH_SITES, false),
                Arguments.of("deleted at the old active; the new active has not touched its copy since its promotion",
                        absent, row(5, "09:30:00", "w"), false, OrphanKind.ONLY_AT_OLD_ACTIVE, true),
                Arguments.of("absent at the old active, written at the new active after its promotion: its own row",
                        absent, row(8, "10:03:00", "y"), false, null, false),
                Arguments.of("absent at the old active, new active's commit time unknown: not reported",
                        absent, row(8, null, "y"), false, null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTable")
    void classifiesEveryKeyAsTheDecisionTableSays(String situation, RowAtSite oldActive, RowAtSite newActive,
                                                   boolean replayed, OrphanKind expected, boolean deletion) {
        OrphanVerdict verdict = OrphanRule.classify(oldActive, newActive, replayed, WINDOW);

        assertThat(verdict.kind()).as(situation + " (" + verdict.reason() + ")").isEqualTo(expected);
        assertThat(verdict.orphan()).isEqualTo(expected != null);
        assertThat(verdict.deletedAtOldActive()).isEqualTo(deletion);
        assertThat(verdict.reason()).isNotBlank();
    }

    @Test
    void withNothingKnownToHaveReachedTheNewActiveEveryChangeOfThePeriodCounts() {
        ScanWindow nothingApplied = new ScanWindow(null, DEMOTED, PROMOTED);

        assertThat(OrphanRule.classify(row(1, "08:00:00", "x"), RowAtSite.ABSENT, false, nothingApplied).kind())
                .isEqualTo(OrphanKind.ONLY_AT_OLD_ACTIVE);
    }

    @Test
    void withoutAKnownPromotionTimeNoDeletionIsReportedAndChangesCountAsConflicts() {
        ScanWindow unknownPromotion = new ScanWindow(WATERMARK, DEMOTED, null);

        assertThat(OrphanRule.classify(RowAtSite.ABSENT, row(5, "09:30:00", "w"), false, unknownPromotion).orphan()).isFalse();
        assertThat(OrphanRule.classify(row(7, "10:00:01", "x"), row(5, "09:30:00", "w"), false, unknownPromotion).kind())
                .isEqualTo(OrphanKind.CHANGED_AT_BOTH_SITES);
    }

    @Test
    void reasonsNameNoRowContent() {
        OrphanVerdict verdict = OrphanRule.classify(row(7, "10:00:01", "{\"citizen_phone\":\"13800138000\"}"),
                RowAtSite.ABSENT, false, WINDOW);

        assertThat(verdict.reason()).doesNotContain("13800138000").doesNotContain("citizen_phone");
    }
}
