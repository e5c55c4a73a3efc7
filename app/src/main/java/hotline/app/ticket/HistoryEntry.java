package hotline.app.ticket;

import java.time.Instant;

/** One line of a ticket's history as shown on the desk: who, when, what, from which site. */
public record HistoryEntry(int seq, String action, String fromState, String toState, String actor,
                           String actorRole, String site, Instant at, String note, String detail) {
}
