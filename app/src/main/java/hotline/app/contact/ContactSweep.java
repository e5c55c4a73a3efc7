package hotline.app.contact;

import hotline.app.site.SiteStateService;
import hotline.app.contact.model.ContactPriority;
import hotline.app.seat.SeatStateChanged;
import hotline.app.seat.model.SeatState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When dispatch runs: right after a contact is queued or an agent becomes READY (after that transaction
 * committed, so the dispatcher sees it), and every sweep interval, which also expires unanswered offers and
 * refreshes the queue gauges.
 */
@Component
class ContactSweep {

    private final SiteStateService site;

    private static final Logger log = LoggerFactory.getLogger(ContactSweep.class);

    private final ContactDispatcher dispatcher;
    private final ContactService contacts;
    private final Map<ContactPriority, AtomicLong> queueLength = new EnumMap<>(ContactPriority.class);

    ContactSweep(SiteStateService site, ContactDispatcher dispatcher, ContactService contacts, MeterRegistry meters) {
        this.site = site;
        this.dispatcher = dispatcher;
        this.contacts = contacts;
        for (ContactPriority p : ContactPriority.values()) {
            AtomicLong value = new AtomicLong();
            queueLength.put(p, value);
            Gauge.builder("hotline.queue.length", value, AtomicLong::get).tag("priority", p.name())
                    .description("contacts waiting in the queue").register(meters);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void queued(ContactQueued e) {
        dispatcher.dispatch();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void seatChanged(SeatStateChanged e) {
        if (e.to() == SeatState.READY || e.withdrawnOffer() != null) {
            dispatcher.dispatch();
        }
    }

    @Scheduled(fixedDelayString = "${hotline.contacts.sweep-interval:PT1S}")
    void sweep() {
        if (!site.takesWrites()) {
            return;  // the queue is worked at the active site only
        }
        try {
            dispatcher.expireOffers();
            while (dispatcher.dispatch() > 0) {
                // another batch may match
            }
            contacts.queue().byPriority().forEach((p, n) -> queueLength.get(p).set(n));
        } catch (DataAccessException e) {
            // transient (database restarting, site switching): the next sweep retries
            log.warn("contact sweep failed, retrying in the next interval: {}", e.getMessage());
        }
    }
}
