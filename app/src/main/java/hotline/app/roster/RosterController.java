package hotline.app.roster;

import hotline.app.account.CurrentActor;
import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import hotline.app.roster.model.FloodLevel;
import hotline.app.roster.model.Shift;
import hotline.app.roster.model.Violation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * Rosters under {@code /api/roster}: the roster with violations, shifts, day conditions, the forecast,
 * attendance, handover notes, staff movements and the backup-site seat plan
 * ({@code GET /api/roster/backup-seats?date=}, used by the failover seat switch).
 */
@RestController
@RequestMapping("/api/roster")
class RosterController {

    private final RosterService roster;
    private final CurrentActor actor;

    RosterController(RosterService roster, CurrentActor actor) {
        this.roster = roster;
        this.actor = actor;
    }

    record ShiftRequest(@NotNull @Size(max = 50) List<@NotBlank String> usernames) {
    }

    record DayRequest(@NotNull FloodLevel floodLevel, boolean heavyRainNight, int upliftPercent,
                      @Size(max = 500) String note) {
    }

    record AttendanceRequest(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, @NotNull Shift shift,
                             @NotBlank String username,
                             @NotNull @Pattern(regexp = "PRESENT|LATE|ABSENT|LEAVE", message = "must be PRESENT, LATE, ABSENT or LEAVE") String status,
                             @Size(max = 500) String note) {
    }

    record HandoverRequest(@NotNull LocalDate date, @NotNull Shift shift, @NotBlank @Size(max = 4000) String note) {
    }

    record MovementRequest(@NotBlank @Size(max = 64) String username,
                           @NotNull @Pattern(regexp = "JOINED|LEFT", message = "must be JOINED or LEFT") String kind,
                           @NotNull LocalDate onDay, @Size(max = 500) String note) {
    }

    record BackupSeatsRequest(@NotNull List<@NotBlank String> usernames) {
    }

    @GetMapping
    RosterService.RosterView roster(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return roster.roster(from, to);
    }

    @GetMapping("/violations")
    List<Violation> violations(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return roster.validate(from, to);
    }

    @PutMapping("/shifts/{date}/{shift}")
    ResponseEntity<Void> assign(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                @PathVariable Shift shift, @Valid @RequestBody ShiftRequest r) {
        roster.assign(date, shift, r.usernames());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/days/{date}")
    ResponseEntity<Void> day(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                             @Valid @RequestBody DayRequest r) {
        roster.setConditions(date, r.floodLevel(), r.heavyRainNight(), r.upliftPercent(), r.note());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/forecast")
    RosterService.ForecastView forecast(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                        @RequestParam(required = false) Integer uplift) {
        return roster.forecast(date, uplift);
    }

    @PostMapping("/attendance")
    ResponseEntity<Void> attendance(@Valid @RequestBody AttendanceRequest r) {
        Actor me = actor.get();
        if (me.role() != Role.LEAD && !me.username().equals(r.username())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED,
                    "agents record their own attendance; the lead records anyone's");
        }
        roster.recordAttendance(r.date(), r.shift(), r.username(), r.status(), r.note(), me);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/attendance")
    List<RosterRepository.AttendanceRow> attendance(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return roster.attendance(date);
    }

    @PostMapping("/handovers")
    ResponseEntity<RosterRepository.HandoverRow> handover(@Valid @RequestBody HandoverRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(roster.handover(r.date(), r.shift(), r.note(), actor.get()));
    }

    @GetMapping("/handovers")
    List<RosterRepository.HandoverRow> handovers(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return roster.handovers(date);
    }

    @PostMapping("/staff-movements")
    ResponseEntity<RosterRepository.MovementRow> movement(@Valid @RequestBody MovementRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(roster.recordMovement(r.username(), r.kind(), r.onDay(), r.note()));
    }

    @GetMapping("/staff-movements")
    List<RosterRepository.MovementRow> movements(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return roster.movements(from, to);
    }

    @GetMapping("/backup-seats")
    BackupSeatPlan backupSeats(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return roster.backupSeatPlan(date);
    }

    @PutMapping("/backup-seats")
    BackupSeatPlan setBackupSeats(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                  @Valid @RequestBody BackupSeatsRequest r) {
        return roster.setBackupSeats(date, r.usernames());
    }
}
