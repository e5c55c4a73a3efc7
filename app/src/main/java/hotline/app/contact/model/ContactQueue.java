package hotline.app.contact.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The automatic call distribution (ACD) rules, free of storage:
 * <ol>
 *   <li>The queue order is: emergencies first, then first come first served by the time the contact was
 *       queued (ties broken by id so every site orders alike).</li>
 *   <li>Agents are taken idle-longest first: the READY agent with the earliest {@code idleSince}.</li>
 *   <li>The head of the queue goes to the agent idle longest, the next contact to the next agent, and so on
 *       until either list runs out.</li>
 *   <li>An offer not accepted within the timeout returns to the queue; because its {@code queuedAt} is kept,
 *       it returns to its original place.</li>
 * </ol>
 * Invariant: a contact is offered to at most one agent and an agent holds at most one offer per round.
 */
public final class ContactQueue {

    public static final Comparator<QueuedContact> ORDER = Comparator
            .comparing((QueuedContact c) -> c.priority() == ContactPriority.EMERGENCY ? 0 : 1)
            .thenComparing(QueuedContact::queuedAt)
            .thenComparing(QueuedContact::id);

    public static final Comparator<ReadyAgent> IDLE_LONGEST_FIRST = Comparator
            .comparing(ReadyAgent::idleSince)
            .thenComparing(ReadyAgent::username);

    private ContactQueue() {
    }

    public static List<QueuedContact> order(List<QueuedContact> waiting) {
        return waiting.stream().sorted(ORDER).toList();
    }

    public static List<Offer> match(List<QueuedContact> waiting, List<ReadyAgent> ready) {
        List<QueuedContact> contacts = order(waiting);
        List<ReadyAgent> agents = ready.stream().sorted(IDLE_LONGEST_FIRST).toList();
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < Math.min(contacts.size(), agents.size()); i++) {
            offers.add(new Offer(contacts.get(i).id(), agents.get(i).username()));
        }
        return offers;
    }

    /** Whether an offer made at {@code offeredAt} has not been accepted in time. */
    public static boolean offerExpired(Instant offeredAt, Instant now, Duration timeout) {
        return !offeredAt.plus(timeout).isAfter(now);
    }
}
