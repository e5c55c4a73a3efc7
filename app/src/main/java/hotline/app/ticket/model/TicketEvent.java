package hotline.app.ticket.model;

import hotline.app.account.model.Role;

import java.time.Instant;
import java.util.UUID;

/** One entry of a ticket's history: who did what, when, and what it changed. The site is added on save. */
public record TicketEvent(UUID ticketId, TicketAction action, TicketState fromState, TicketState toState,
                          String actor, Role actorRole, Instant at, String note, String detail) {
}
