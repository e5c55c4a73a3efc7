package hotline.app.ticket;

import hotline.app.ticket.sla.model.SlaStatus;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketAction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ticket as the desk shows it, with the actions the viewer may take now. History and links are
 * filled for the detail view only.
 */
public record TicketView(UUID id, String number, long version, String channel, String state, String category,
                         String priority, String title, String description, String citizenName, String citizenPhone,
                         String address, String district, String street, String departmentId, int handlingRound,
                         UUID contactId, String platformOrderId, Instant acceptedAt, Instant dueAt, String slaStatus,
                         long secondsToDue, boolean slaBreached, int urgeCount, boolean supervised,
                         String pendingRequest, String pendingRequestReason, Integer pendingExtensionDays,
                         String departmentReply, String citizenReply, UUID knowledgeArticleId, String satisfaction,
                         Boolean callbackReached, boolean thirdPartyEvaluation, String ownerUsername,
                         String createdSite, Instant closedAt, Instant updatedAt, List<TicketAction> allowedActions,
                         List<HistoryEntry> history, List<LinkedTicket> links) {

    static TicketView of(Ticket t, Instant now, List<TicketAction> allowed, List<HistoryEntry> history,
                         List<LinkedTicket> links) {
        SlaStatus sla = t.state().isSlaClockRunning() ? t.slaStatusAt(now) : null;
        long toDue = t.dueAt() == null ? 0 : t.dueAt().getEpochSecond() - now.getEpochSecond();
        return new TicketView(t.id(), t.number(), t.version(), t.channel().name(), t.state().name(),
                name(t.category()), t.priority().name(), t.title(), t.description(), t.citizen().name(),
                t.citizen().phone(), t.citizen().address(), t.citizen().district(), t.citizen().street(),
                t.departmentId(), t.handlingRound(), t.contactId(), t.platformOrderId(), t.acceptedAt(), t.dueAt(),
                sla == null ? null : sla.name(), toDue, t.slaBreached(), t.urgeCount(), t.supervised(),
                name(t.pendingRequest()), t.pendingRequestReason(), t.pendingExtensionDays(), t.departmentReply(),
                t.citizenReply(), t.knowledgeArticleId(), name(t.satisfaction()), t.callbackReached(),
                t.thirdPartyEvaluation(), t.ownerUsername(), t.createdSite(), t.closedAt(), t.updatedAt(), allowed,
                history, links);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
