package hotline.app.contact.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ContactQueueTest {

    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

    private static QueuedContact contact(ContactPriority p, int secondsAfterT0) {
        return new QueuedContact(UUID.randomUUID(), p, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void servesFirstComeFirstServed() {
        QueuedContact first = contact(ContactPriority.NORMAL, 1);
        QueuedContact second = contact(ContactPriority.NORMAL, 2);
        QueuedContact third = contact(ContactPriority.NORMAL, 3);
        assertThat(ContactQueue.order(List.of(third, first, second))).containsExactly(first, second, third);
    }

    @Test
    void emergenciesJumpTheQueue() {
        QueuedContact normalEarly = contact(ContactPriority.NORMAL, 1);
        QueuedContact normalLater = contact(ContactPriority.NORMAL, 2);
        QueuedContact burst = contact(ContactPriority.EMERGENCY, 10);
        QueuedContact outage = contact(ContactPriority.EMERGENCY, 5);
        assertThat(ContactQueue.order(List.of(normalEarly, normalLater, burst, outage)))
                .containsExactly(outage, burst, normalEarly, normalLater);
    }

    @Test
    void offersTheHeadOfTheQueueToTheAgentIdleLongest() {
        QueuedContact head = contact(ContactPriority.NORMAL, 1);
        QueuedContact next = contact(ContactPriority.NORMAL, 2);
        ReadyAgent idleShort = new ReadyAgent("agent2", T0.plusSeconds(50));
        ReadyAgent idleLong = new ReadyAgent("agent1", T0.plusSeconds(10));
        assertThat(ContactQueue.match(List.of(next, head), List.of(idleShort, idleLong)))
                .containsExactly(new Offer(head.id(), "agent1"), new Offer(next.id(), "agent2"));
    }

    @Test
    void offersNothingWithoutReadyAgentsOrContacts() {
        assertThat(ContactQueue.match(List.of(contact(ContactPriority.NORMAL, 1)), List.of())).isEmpty();
        assertThat(ContactQueue.match(List.of(), List.of(new ReadyAgent("agent1", T0)))).isEmpty();
    }

    @Test
    void offersEachContactAndEachAgentAtMostOnce() {
        List<QueuedContact> contacts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            contacts.add(contact(ContactPriority.NORMAL, i));
        }
        List<ReadyAgent> agents = List.of(new ReadyAgent("agent1", T0), new ReadyAgent("agent2", T0.plusSeconds(1)));
        List<Offer> offers = ContactQueue.match(contacts, agents);
        assertThat(offers).hasSize(2);
        assertThat(offers).extracting(Offer::username).doesNotHaveDuplicates();
        assertThat(offers).extracting(Offer::contactId).containsExactly(contacts.get(0).id(), contacts.get(1).id());
    }

    @Test
    void anOfferNotAcceptedInTimeReturnsToItsOriginalPlace() {
        QueuedContact offered = contact(ContactPriority.NORMAL, 1);
        QueuedContact laterArrival = contact(ContactPriority.NORMAL, 30);
        Duration timeout = Duration.ofSeconds(20);
        assertThat(ContactQueue.offerExpired(T0.plusSeconds(2), T0.plusSeconds(21), timeout)).isFalse();
        assertThat(ContactQueue.offerExpired(T0.plusSeconds(2), T0.plusSeconds(22), timeout)).isTrue();
        // back in the queue with its original queuedAt, it is ahead of a contact that arrived meanwhile
        assertThat(ContactQueue.order(List.of(laterArrival, offered))).containsExactly(offered, laterArrival);
    }

    @Test
    void priorityFollowsTheEmergencyCategories() {
        assertThat(ContactPriority.of(hotline.app.ticket.model.Category.PIPE_BURST)).isEqualTo(ContactPriority.EMERGENCY);
        assertThat(ContactPriority.of(hotline.app.ticket.model.Category.WATERLOGGING)).isEqualTo(ContactPriority.EMERGENCY);
        assertThat(ContactPriority.of(hotline.app.ticket.model.Category.METER_BILLING)).isEqualTo(ContactPriority.NORMAL);
        assertThat(ContactPriority.of(null)).isEqualTo(ContactPriority.NORMAL);
    }
}
