package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;
import hotline.app.contact.model.ContactPriority;
import hotline.app.contact.model.ContactState;
import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact as the desk sees it. {@code ticketChannel} is what to send as {@code channel} when creating the
 * ticket for this contact ({@code POST /api/tickets} with {@code contactId}).
 */
public record ContactView(UUID id, ContactChannel channel, ContactState state, ContactPriority priority,
                          Category category, String callerNumber, String senderName, String subject, String body,
                          Instant queuedAt, String offeredTo, Instant offeredAt, int offerCount, String agentUsername,
                          Instant connectedAt, Instant endedAt, UUID ticketId, Channel ticketChannel, long version) {
}
