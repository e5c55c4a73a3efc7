package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;
import hotline.app.contact.model.ContactState;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction in which a contact ended: WRAP_UP when the agent completed it, ABANDONED
 * when the caller hung up while waiting. Telephony hangs up and records the call.
 */
public record ContactEnded(UUID contactId, ContactChannel channel, ContactState state, String agentUsername,
                           Instant at) {
}
