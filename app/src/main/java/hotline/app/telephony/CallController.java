package hotline.app.telephony;

import hotline.app.account.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Outbound calls (回访 callbacks) placed by agents and the lead, and hang-up. */
@RestController
@RequestMapping("/api/calls")
class CallController {

    private final CallService calls;
    private final CurrentActor currentActor;

    CallController(CallService calls, CurrentActor currentActor) {
        this.calls = calls;
        this.currentActor = currentActor;
    }

    enum Purpose {
        CALLBACK
    }

    record OutboundRequest(
            UUID ticketId,
            @Pattern(regexp = "[0-9+\\- ]{3,20}", message = "must be a phone number of 3 to 20 digits") String number,
            @NotNull Purpose purpose) {
    }

    @PostMapping("/outbound")
    ResponseEntity<CallRecord> outbound(@Valid @RequestBody OutboundRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(calls.outbound(r.ticketId(), r.number(), r.purpose().name(), currentActor.get()));
    }

    @GetMapping("/{id}")
    CallRecord get(@PathVariable UUID id) {
        return calls.get(id, currentActor.get());
    }

    @PostMapping("/{id}/hangup")
    CallRecord hangup(@PathVariable UUID id) {
        return calls.hangup(id, currentActor.get());
    }
}
