package hotline.app.telephony;

import hotline.app.ticket.model.Category;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Drives the simulated voice platform: make a citizen call in, or hang up as the citizen. LEAD or OPS. */
@RestController
@RequestMapping("/api/telephony/simulator")
@ConditionalOnProperty(name = "hotline.telephony.gateway", havingValue = "simulated", matchIfMissing = true)
class SimulatorController {

    private final CallService calls;

    SimulatorController(CallService calls) {
        this.calls = calls;
    }

    record InboundCallRequest(
            @NotBlank @Pattern(regexp = "[0-9+\\- ]{3,20}", message = "must be a phone number of 3 to 20 digits") String caller,
            Category category) {
    }

    record InboundCallView(UUID callId, UUID contactId, String priority) {
    }

    @PostMapping("/inbound-calls")
    ResponseEntity<InboundCallView> inbound(@Valid @RequestBody InboundCallRequest r) {
        CallService.InboundCall call = calls.inboundRinging(r.caller(), r.category());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new InboundCallView(call.call().id(), call.contactId(), call.priority()));
    }

    @PostMapping("/calls/{id}/caller-hangup")
    ResponseEntity<Void> callerHangup(@PathVariable UUID id) {
        calls.callerHungUp(id);
        return ResponseEntity.noContent().build();
    }
}
