package hotline.app.contact;

import hotline.app.contact.model.ContactQueue;
import hotline.app.contact.model.Offer;
import hotline.app.contact.model.QueuedContact;
import hotline.app.contact.model.ReadyAgent;
import hotline.app.seat.AvailableAgent;
import hotline.app.seat.SeatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The ACD adapter. One dispatch is one transaction:
 * <ol>
 *   <li>lock up to {@code dispatchBatch} READY agents without an offer, skipping rows others hold;</li>
 *   <li>lock as many contacts from the head of the queue, skipping rows others hold;</li>
 *   <li>match them with {@link ContactQueue#match} (emergencies first, FIFO, agent idle longest first);</li>
 *   <li>mark each contact OFFERED to its agent and the agent as holding that offer.</li>
 * </ol>
 * Invariant: with SKIP LOCKED on both sides, two app instances (or the sweep and a trigger) never offer the
 * same contact twice nor give one agent two offers.
 */
@Component
class ContactDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ContactDispatcher.class);

    private final ContactRepository contacts;
    private final SeatService seats;
    private final ContactProperties properties;
    private final Clock clock;

    ContactDispatcher(ContactRepository contacts, SeatService seats, ContactProperties properties, Clock clock) {
        this.contacts = contacts;
        this.seats = seats;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int dispatch() {
        List<AvailableAgent> available = seats.lockAvailable(properties.dispatchBatch());
        if (available.isEmpty()) {
            return 0;
        }
        List<QueuedContact> head = contacts.lockQueueHead(available.size());
        if (head.isEmpty()) {
            return 0;
        }
        List<ReadyAgent> ready = available.stream().map(a -> new ReadyAgent(a.username(), a.idleSince())).toList();
        Instant now = clock.instant();
        List<Offer> offers = ContactQueue.match(head, ready);
        for (Offer offer : offers) {
            contacts.offer(offer.contactId(), offer.username(), now);
            seats.offered(offer.username(), offer.contactId());
            ContactService.withContact(offer.contactId(), () -> log.info("contact offered to {}", offer.username()));
        }
        return offers.size();
    }

    /** Offers not accepted within the timeout go back to their place in the queue; their agents go on BREAK. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int expireOffers() {
        Instant now = clock.instant();
        List<Contact> expired = contacts.lockExpiredOffers(now.minus(properties.offerTimeout()), properties.dispatchBatch());
        for (Contact c : expired) {
            contacts.requeue(c.id());
            seats.offerMissed(c.offeredTo(), c.id());
            ContactService.withContact(c.id(), () -> log.info("offer to {} not accepted within {}, back in the queue",
                    c.offeredTo(), properties.offerTimeout()));
        }
        return expired.size();
    }
}
