package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;

import java.time.Instant;
import java.util.UUID;

/** Published inside the transaction in which an agent accepted a contact. */
public record ContactConnected(UUID contactId, ContactChannel channel, String agentUsername, Instant at) {
}
