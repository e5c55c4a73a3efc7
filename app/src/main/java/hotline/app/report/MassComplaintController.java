package hotline.app.report;

import hotline.app.account.CurrentActor;
import hotline.app.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Mass-complaint alerts for the lead: {@code GET /api/mass-complaints[?open=true]},
 * {@code POST /api/mass-complaints/{id}/acknowledge}, and {@code POST /api/mass-complaints/scan} to run the
 * detector now.
 */
@RestController
@RequestMapping("/api/mass-complaints")
class MassComplaintController {

    private final MassComplaintRepository repository;
    private final MassComplaintDetector detector;
    private final CurrentActor actor;
    private final Clock clock;

    MassComplaintController(MassComplaintRepository repository, MassComplaintDetector detector, CurrentActor actor,
                            Clock clock) {
        this.repository = repository;
        this.detector = detector;
        this.actor = actor;
        this.clock = clock;
    }

    @GetMapping
    List<MassComplaint> list(@RequestParam(defaultValue = "false") boolean open,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit must be between 1 and 1000, was " + limit);
        }
        return repository.list(open, limit);
    }

    @PostMapping("/scan")
    List<MassComplaint> scan() {
        return detector.detectAt(clock.instant());
    }

    @PostMapping("/{id}/acknowledge")
    MassComplaint acknowledge(@PathVariable UUID id) {
        MassComplaint m = repository.find(id).orElseThrow(() -> ApiException.notFound("mass complaint " + id));
        if (!repository.acknowledge(id, actor.get().username(), clock.instant())) {
            throw ApiException.conflict("mass complaint " + id + " was already acknowledged by " + m.acknowledgedBy());
        }
        return repository.find(id).orElseThrow();
    }
}
