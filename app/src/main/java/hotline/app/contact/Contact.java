package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;
import hotline.app.contact.model.ContactPriority;
import hotline.app.contact.model.ContactState;
import hotline.app.ticket.model.Category;

import java.time.Instant;
import java.util.UUID;

/** One contact row: a call or message from waiting in the queue to completed. */
record Contact(UUID id, ContactChannel channel, ContactState state, ContactPriority priority, Category category,
               String callerNumber, String senderName, String externalId, String subject, String body,
               Instant queuedAt, String offeredTo, Instant offeredAt, int offerCount, String agentUsername,
               Instant connectedAt, Instant endedAt, UUID ticketId, long version) {

    ContactView view() {
        return new ContactView(id, channel, state, priority, category, callerNumber, senderName, subject, body,
                queuedAt, offeredTo, offeredAt, offerCount, agentUsername, connectedAt, endedAt, ticketId,
                channel.ticketChannel(), version);
    }
}
