package hotline.app.quality.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InspectionFormTest {

    private final InspectionForm form = InspectionForm.standard();

    private static Map<String, Integer> full() {
        return Map.of("GREETING", 10, "LISTENING", 15, "ACCURACY", 25, "RECORD", 20, "DISPATCH", 15, "ATTITUDE", 15);
    }

    @Test
    void scoresTheSumOfPointsOutOf100() {
        Map<String, Integer> points = new java.util.HashMap<>(full());
        points.put("ACCURACY", 15);
        InspectionResult r = form.score(points, List.of());
        assertThat(r.score()).isEqualByComparingTo("90");
        assertThat(r.fatal()).isFalse();
    }

    @Test
    void aFatalItemScoresZeroWhateverThePoints() {
        InspectionResult r = form.score(full(), List.of("DISCLOSURE"));
        assertThat(r.score()).isEqualByComparingTo("0");
        assertThat(r.fatal()).isTrue();
        assertThat(r.fatalItems()).containsExactly("DISCLOSURE");
    }

    @Test
    void namesEveryProblemOfARefusedInspection() {
        assertThatThrownBy(() -> form.score(Map.of("GREETING", 11, "NOPE", 1), List.of("ATTITUDE")))
                .isInstanceOf(InvalidInspectionException.class)
                .hasMessageContaining("NOPE is not a scored item")
                .hasMessageContaining("ATTITUDE is not a fatal item")
                .hasMessageContaining("GREETING must have 0 to 10 points, had 11")
                .hasMessageContaining("LISTENING has no points");
    }

    @Test
    void weightsMustAddUpTo100() {
        assertThatThrownBy(() -> new InspectionForm(List.of(InspectionItem.scored("A", "a", 60))))
                .hasMessageContaining("add up to 60");
    }

    @Test
    void takesEveryTargetedTicketAndDrawsTheSameRandomOnesForTheSameSeed() {
        List<SamplingPlan.Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            candidates.add(new SamplingPlan.Candidate(UUID.nameUUIDFromBytes(("t" + i).getBytes()), String.format("N%03d", i),
                    "agent" + (i % 3), i == 4, i == 7));
        }
        List<SamplingPlan.Pick> a = new SamplingPlan(42, 2).draw(candidates);
        List<SamplingPlan.Candidate> shuffled = new java.util.ArrayList<>(candidates);
        java.util.Collections.reverse(shuffled);
        List<SamplingPlan.Pick> b = new SamplingPlan(42, 2).draw(shuffled);
        List<SamplingPlan.Pick> c = new SamplingPlan(43, 2).draw(candidates);

        assertThat(a).hasSize(2 + 3 * 2);
        assertThat(a).filteredOn(p -> p.reason() == SampleReason.LOW_SATISFACTION).extracting(p -> p.candidate().number())
                .containsExactly("N004");
        assertThat(a).filteredOn(p -> p.reason() == SampleReason.RETURNED).extracting(p -> p.candidate().number())
                .containsExactly("N007");
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).filteredOn(p -> p.reason() == SampleReason.RANDOM)
                .extracting(p -> p.candidate().agent()).containsExactly("agent0", "agent0", "agent1", "agent1", "agent2", "agent2");
    }

    @Test
    void refusesANegativeOrHugeRandomShare() {
        assertThatThrownBy(() -> new SamplingPlan(1, -1)).isInstanceOf(InvalidInspectionException.class);
        assertThatThrownBy(() -> new SamplingPlan(1, 51)).isInstanceOf(InvalidInspectionException.class);
    }
}
