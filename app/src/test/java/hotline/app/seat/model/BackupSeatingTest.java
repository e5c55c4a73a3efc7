package hotline.app.seat.model;

import hotline.app.seat.model.BackupSeating.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The seat switch's decision table: who is logged in and what the plan says → seats and who is left without one. */
class BackupSeatingTest {

    static Stream<Arguments> situations() {
        return Stream.of(
                // name, capacity, plan, logged in, seated (seat 1, 2, …), without a seat
                argumentSet("more logged in than seats: the plan's people first, the rest without a seat",
                        3, List.of("a1", "a2", "a3", "a4"), List.of(agent("a4", 1), agent("a3", 1), agent("a5", 1),
                                agent("a2", 1), agent("a1", 1)),
                        List.of("a1", "a2", "a3"), List.of("a4", "a5")),
                argumentSet("fewer logged in than seats: everyone seated, in plan order",
                        10, List.of("a1", "a2", "a3", "a4"), List.of(agent("a3", 1), agent("a1", 1)),
                        List.of("a1", "a3"), List.of()),
                argumentSet("nobody logged in: no seat is taken",
                        10, List.of("lead", "a1", "a2"), List.of(),
                        List.of(), List.of()),
                argumentSet("the plan lists people who are not logged in: they are skipped, others move up",
                        3, List.of("a1", "a2", "a3"), List.of(agent("a6", 10), agent("a2", 1), agent("a5", 10),
                                agent("a7", 5)),
                        List.of("a2", "a7", "a5"), List.of("a6")),
                argumentSet("people the plan does not list follow by roster priority, then by name",
                        10, List.of("a1"), List.of(agent("a9", 50), agent("a8", 50), agent("a4", 10), agent("a1", 99)),
                        List.of("a1", "a4", "a8", "a9"), List.of()),
                argumentSet("a logged-in lead takes their place in the plan's order",
                        3, List.of("lead", "a1", "a2", "a3"), List.of(agent("a3", 1), agent("a2", 1), agent("a1", 1),
                                lead("lead")),
                        List.of("lead", "a1", "a2"), List.of("a3")),
                argumentSet("a lead the plan does not list comes first among the others",
                        3, List.of("a1"), List.of(agent("a2", 1), lead("lead"), agent("a1", 1)),
                        List.of("a1", "lead", "a2"), List.of()),
                argumentSet("a logged-in lead always has a seat: the lowest-placed agent gives theirs up",
                        3, List.of("a1", "a2", "a3"), List.of(agent("a1", 1), agent("a2", 1), agent("a3", 1),
                                agent("a4", 1), lead("lead")),
                        List.of("a1", "a2", "lead"), List.of("a3", "a4")),
                argumentSet("no seats at all: everybody, the lead too, is without a seat",
                        0, List.of("a1"), List.of(agent("a1", 1), lead("lead")),
                        List.of(), List.of("a1", "lead")),
                argumentSet("somebody reported twice is seated once",
                        10, List.of("a1"), List.of(agent("a1", 1), agent("a1", 1), agent("a2", 1)),
                        List.of("a1", "a2"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("situations")
    void mapsTheLoggedInPeopleToTheBackupSeats(int capacity, List<String> plan, List<Candidate> loggedIn,
                                               List<String> seated, List<String> withoutSeat) {
        BackupSeating result = BackupSeating.assign(capacity, plan, loggedIn);

        assertThat(result.seats()).extracting(BackupSeating.Seat::username).containsExactlyElementsOf(seated);
        assertThat(result.seats()).extracting(BackupSeating.Seat::seat)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, seated.size()).boxed().toList());
        assertThat(result.withoutSeat()).containsExactlyElementsOf(withoutSeat);
        assertThat(result.capacity()).isEqualTo(capacity);
    }

    @Test
    void refusesANegativeCapacity() {
        assertThatThrownBy(() -> BackupSeating.assign(-1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }

    private static Candidate agent(String username, int rosterPriority) {
        return new Candidate(username, false, rosterPriority);
    }

    private static Candidate lead(String username) {
        return new Candidate(username, true, 100);
    }
}
