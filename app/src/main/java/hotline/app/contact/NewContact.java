package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;
import hotline.app.ticket.model.Category;

/** A contact arriving: an inbound call from telephony or a message from the web/WeChat gateway. */
public record NewContact(ContactChannel channel, Category category, String callerNumber, String senderName,
                         String externalId, String subject, String body) {
}
