package hotline.app.seat.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who sits where at the backup site after a switch: the agents logged in at that moment, mapped to the site's
 * seats. Seats are numbered 1 to {@code capacity}; seat 1 goes to the highest priority.
 * <ol>
 *   <li>People the day's backup-seat plan lists come first, in plan order (the plan names people who are not
 *       logged in too: they are skipped).</li>
 *   <li>Then the other logged-in people, the project lead first, then by roster priority, then by username.</li>
 *   <li>The first {@code capacity} people of that order take seats 1, 2, …; everyone after them is
 *       <em>without a seat</em>: they stay logged in, get no contacts, and take a seat when a logout frees one
 *       (in this order).</li>
 *   <li>A logged-in lead always has a seat: a lead who would be without one is seated instead of the
 *       lowest-placed seated agent, who becomes the first person without a seat. Seat numbers keep the order
 *       of step 1 and 2.</li>
 * </ol>
 * Invariants: every logged-in person appears exactly once, either seated or without a seat; no seat number is
 * given twice; at most {@code capacity} people are seated, and fewer only when fewer are logged in.
 *
 * @param seats       seated people in seat order
 * @param withoutSeat people without a seat, next in line first
 */
public record BackupSeating(int capacity, List<Seat> seats, List<String> withoutSeat) {

    /** A logged-in person: {@code rosterPriority} orders people the plan does not list (lower first). */
    public record Candidate(String username, boolean lead, int rosterPriority) {
        public Candidate {
            Objects.requireNonNull(username, "username");
        }
    }

    public record Seat(int seat, String username) {
    }

    private static final Comparator<Candidate> BY_ROSTER_PRIORITY = Comparator
            .comparing((Candidate c) -> !c.lead())
            .thenComparingInt(Candidate::rosterPriority)
            .thenComparing(Candidate::username);

    public BackupSeating {
        seats = List.copyOf(seats);
        withoutSeat = List.copyOf(withoutSeat);
    }

    /**
     * @param capacity the backup site's seats (at least 0)
     * @param plan     usernames in the plan's priority order
     * @param loggedIn the people logged in at the moment of the switch, in any order
     */
    public static BackupSeating assign(int capacity, List<String> plan, List<Candidate> loggedIn) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        Map<String, Candidate> present = new LinkedHashMap<>();
        loggedIn.forEach(c -> present.putIfAbsent(c.username(), c));

        List<Candidate> order = new ArrayList<>();
        for (String username : plan) {
            Candidate c = present.remove(username);
            if (c != null) {
                order.add(c);
            }
        }
        present.values().stream().sorted(BY_ROSTER_PRIORITY).forEach(order::add);

        Set<Candidate> seated = new HashSet<>(order.subList(0, Math.min(capacity, order.size())));
        for (Candidate lead : order.stream().filter(c -> c.lead() && !seated.contains(c)).toList()) {
            Optional<Candidate> lowestAgent = order.stream().filter(c -> !c.lead() && seated.contains(c))
                    .reduce((first, second) -> second);
            if (lowestAgent.isEmpty()) {
                break;  // every seat already holds a lead
            }
            seated.remove(lowestAgent.get());
            seated.add(lead);
        }

        List<Seat> seats = new ArrayList<>();
        List<String> withoutSeat = new ArrayList<>();
        for (Candidate c : order) {
            if (seated.contains(c)) {
                seats.add(new Seat(seats.size() + 1, c.username()));
            } else {
                withoutSeat.add(c.username());
            }
        }
        return new BackupSeating(capacity, seats, withoutSeat);
    }
}
