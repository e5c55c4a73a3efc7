package hotline.app.contact.model;

import java.util.UUID;

/** The dispatcher's decision: offer this contact to this agent. */
public record Offer(UUID contactId, String username) {
}
