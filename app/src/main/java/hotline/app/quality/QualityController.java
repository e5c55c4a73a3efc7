package hotline.app.quality;

import hotline.app.account.CurrentActor;
import hotline.app.kpi.KpiService;
import hotline.app.quality.model.InspectionForm;
import hotline.app.quality.model.InvalidInspectionException;
import hotline.app.web.ApiException;
import hotline.app.web.ApiExceptionHandler;
import hotline.app.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Quality inspection: {@code GET /api/quality/form}; {@code POST /api/quality/samples} (lead) draws a month's
 * sample; {@code GET /api/quality/samples/{month}}; {@code POST /api/quality/inspections/{id}/score} (lead);
 * {@code GET /api/quality/results?month=} per agent; {@code GET /api/quality/mine} and
 * {@code POST /api/quality/inspections/{id}/acknowledge} for the agent.
 */
@RestController
@RequestMapping("/api/quality")
class QualityController {

    private final QualityService quality;
    private final CurrentActor actor;
    private final KpiService kpis;

    QualityController(QualityService quality, CurrentActor actor, KpiService kpis) {
        this.quality = quality;
        this.actor = actor;
        this.kpis = kpis;
    }

    record SampleRequest(@NotNull String month, Long seed, @Min(0) @Max(50) Integer randomPerAgent) {
    }

    record ScoreRequest(@NotNull Map<String, Integer> points, @Size(max = 20) List<String> fatalItems,
                        @Size(max = 2000) String comment) {
    }

    @GetMapping("/form")
    InspectionForm form() {
        return quality.form();
    }

    @PostMapping("/samples")
    ResponseEntity<QualityService.SampleView> draw(@Valid @RequestBody SampleRequest r) {
        YearMonth month = month(r.month());
        return ResponseEntity.status(HttpStatus.CREATED).body(quality.drawSample(month, r.seed(),
                r.randomPerAgent() == null ? 2 : r.randomPerAgent(), kpis.zone(), actor.get()));
    }

    @GetMapping("/samples/{month}")
    QualityService.SampleView sample(@PathVariable String month) {
        return quality.sample(month(month));
    }

    @PostMapping("/inspections/{id}/score")
    Inspection score(@PathVariable UUID id, @Valid @RequestBody ScoreRequest r) {
        return quality.score(id, r.points(), r.fatalItems(), r.comment(), actor.get());
    }

    @GetMapping("/results")
    List<AgentQuality> results(@RequestParam String month) {
        return quality.monthlyResults(month(month));
    }

    @GetMapping("/mine")
    List<Inspection> mine() {
        return quality.resultsOf(actor.get().username());
    }

    @PostMapping("/inspections/{id}/acknowledge")
    Inspection acknowledge(@PathVariable UUID id) {
        return quality.acknowledge(id, actor.get());
    }

    @ExceptionHandler(InvalidInspectionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInspectionException e) {
        return ResponseEntity.unprocessableContent().body(ApiExceptionHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemType.INVALID_INPUT, e.getMessage()));
    }

    static YearMonth month(String text) {
        try {
            YearMonth m = YearMonth.parse(text);
            if (m.getYear() < 2000 || m.getYear() > 2100) {
                throw ApiException.invalid("month must be between 2000-01 and 2100-12, was " + text);
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("month must look like 2026-03, was '" + text + "'");
        }
    }
}
