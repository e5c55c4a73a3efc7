package hotline.app.platform12345;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Where the 12345 platform dispatches work orders. Idempotent: a re-sent order answers 200 with the same ticket. */
@RestController
@RequestMapping("/api/platform12345/orders")
class PlatformOrderController {

    private final PlatformInbox inbox;

    PlatformOrderController(PlatformInbox inbox) {
        this.inbox = inbox;
    }

    record Receipt(UUID ticketId, String ticketNumber) {
    }

    @PostMapping
    ResponseEntity<Receipt> dispatch(@Valid @RequestBody DispatchedOrder order) {
        PlatformInbox.Received received = inbox.receive(order);
        return ResponseEntity.status(received.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Receipt(received.ticketId(), received.ticketNumber()));
    }
}
