package hotline.app.contact;

import hotline.app.account.CurrentActor;
import hotline.app.account.model.Role;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The agent desk's side of the queue: poll for an offer, accept it, create the ticket
 * ({@code POST /api/tickets} with {@code contactId}), complete the contact, then set READY again.
 */
@RestController
class ContactController {

    private final ContactService contacts;
    private final CurrentActor currentActor;

    ContactController(ContactService contacts, CurrentActor currentActor) {
        this.contacts = contacts;
        this.currentActor = currentActor;
    }

    /** My current offer; 204 when there is none. */
    @GetMapping("/api/contacts/offer")
    ResponseEntity<ContactView> offer() {
        return contacts.offerFor(currentActor.get().username()).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** My contact in progress (connected or in wrap-up); 204 when there is none. */
    @GetMapping("/api/contacts/current")
    ResponseEntity<ContactView> current() {
        return contacts.currentFor(currentActor.get().username()).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/api/contacts/{id}")
    ContactView get(@PathVariable UUID id) {
        return contacts.get(id, currentActor.get());
    }

    @PostMapping("/api/contacts/{id}/accept")
    ContactView accept(@PathVariable UUID id) {
        return contacts.accept(id, currentActor.get());
    }

    @PostMapping("/api/contacts/{id}/complete")
    ContactView complete(@PathVariable UUID id) {
        return contacts.complete(id, currentActor.get());
    }

    /** Queue length, by priority, and the oldest wait: the lead's wallboard. */
    @GetMapping("/api/queue")
    ContactService.QueueView queue() {
        if (currentActor.role() != Role.LEAD) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED, "the queue board is for the lead");
        }
        return contacts.queue();
    }
}
