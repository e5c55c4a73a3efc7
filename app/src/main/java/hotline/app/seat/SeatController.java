package hotline.app.seat;

import hotline.app.account.CurrentActor;
import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.seat.model.SeatState;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Seat states of the desk: the agent's own ({@code /me}) and, for the lead, the team board.
 * Form logins and logouts move the seat by themselves ({@link SeatSessionEvents}); API clients call
 * {@code /me/login} and {@code /me/logout}.
 */
@RestController
@RequestMapping("/api/seats")
class SeatController {

    private final SeatService seats;
    private final CurrentActor currentActor;

    SeatController(SeatService seats, CurrentActor currentActor) {
        this.seats = seats;
        this.currentActor = currentActor;
    }

    @GetMapping
    List<SeatView> board() {
        if (currentActor.role() != Role.LEAD) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED,
                    "the team board is for the lead; agents see their own seat at GET /api/seats/me");
        }
        return seats.board();
    }

    @GetMapping("/me")
    SeatView me() {
        return seats.get(currentActor.get().username());
    }

    @PostMapping("/me/login")
    SeatView login() {
        return seats.login(currentActor.get().username());
    }

    @PostMapping("/me/logout")
    SeatView logout() {
        return seats.logout(currentActor.get().username());
    }

    record StateRequest(@NotNull SeatState state) {
    }

    @PostMapping("/me/state")
    SeatView state(@Valid @RequestBody StateRequest r) {
        Actor actor = currentActor.get();
        return seats.request(actor.username(), r.state());
    }
}
