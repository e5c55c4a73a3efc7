package hotline.app.ticket;

import hotline.app.ticket.model.Channel;
import hotline.app.ticket.model.TicketState;

import java.util.Set;

/** Filters of the ticket lists (mine, team, department, 12345 to sign, overdue, supervised). */
record TicketQuery(Set<TicketState> states, boolean includeClosed, String owner, String departmentId, Channel channel,
                   boolean overdueOnly, boolean supervisedOnly, String text, int limit) {
}
