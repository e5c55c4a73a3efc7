package hotline.app.seat;

import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seat switch: the failover controller calls {@code POST /api/ops/seats/switch?epoch=N} right after promoting
 * this site (idempotent per epoch; the promotion event makes the same call by itself); desks read the latest
 * switch at {@code GET /api/seats/switch} to tell the agent her seat.
 */
@RestController
class SeatSwitchController {

    private final SeatSwitchService switches;

    SeatSwitchController(SeatSwitchService switches) {
        this.switches = switches;
    }

    @PostMapping("/api/ops/seats/switch")
    SeatSwitch switchSeats(@RequestParam long epoch) {
        return switches.switchSeats(epoch);
    }

    @GetMapping("/api/seats/switch")
    SeatSwitch latest() {
        return switches.latest().orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND,
                "no seat switch yet: seats are switched when a site is promoted"));
    }
}
