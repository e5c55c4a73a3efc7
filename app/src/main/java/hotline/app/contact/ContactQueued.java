package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;

import java.util.UUID;

/** Published inside the transaction that put a contact in the queue. */
public record ContactQueued(UUID contactId, ContactChannel channel) {
}
