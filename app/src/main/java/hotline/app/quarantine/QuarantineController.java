package hotline.app.quarantine;

import hotline.app.quarantine.model.QuarantineStatus;
import hotline.app.replication.ReplicationException;
import hotline.app.site.SiteStateService;
import hotline.app.web.ApiException;
import hotline.app.web.ApiExceptionHandler;
import hotline.app.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The failback quarantine for ops (role OPS):
 * {@code GET /api/ops/quarantine[?status=OPEN|REVIEWED&limit=]}, {@code GET /api/ops/quarantine/{id}},
 * {@code GET /api/ops/quarantine/report} (JSON, or HTML with {@code Accept: text/html}),
 * {@code POST /api/ops/quarantine/{id}/review} {@code {"note": "…"}}, {@code POST /api/ops/quarantine/scan}.
 */
@RestController
@RequestMapping("/api/ops/quarantine")
class QuarantineController {

    private final QuarantineStore store;
    private final FailbackQuarantine quarantine;
    private final SiteStateService site;
    private final Clock clock;

    QuarantineController(QuarantineStore store, FailbackQuarantine quarantine, SiteStateService site, Clock clock) {
        this.store = store;
        this.quarantine = quarantine;
        this.site = site;
        this.clock = clock;
    }

    record Review(@NotBlank @Size(max = 2000) String note) {
    }

    @GetMapping
    List<QuarantineEntry> list(@RequestParam(required = false) QuarantineStatus status,
                               @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > 5000) {
            throw ApiException.invalid("limit must be between 1 and 5000, was " + limit);
        }
        return store.list(status, limit);
    }

    @GetMapping("/{id}")
    QuarantineEntry one(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("quarantine entry " + id));
    }

    @GetMapping(value = "/report", produces = {MediaType.APPLICATION_JSON_VALUE})
    QuarantineReport report() {
        return QuarantineReport.of(site.siteId(), clock.instant(), store.list(null, 100_000));
    }

    @GetMapping(value = "/report", produces = MediaType.TEXT_HTML_VALUE)
    String reportHtml() {
        return report().html();
    }

    @PostMapping("/{id}/review")
    QuarantineEntry review(@PathVariable UUID id, @Valid @RequestBody Review body, Authentication who) {
        return store.review(id, who.getName(), body.note().strip());
    }

    @PostMapping("/scan")
    FailbackQuarantine.ScanRun scan() {
        try {
            return quarantine.scanNow();
        } catch (SQLException | ReplicationException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "the orphan scan could not read both sites: " + e.getMessage());
        }
    }

    @ExceptionHandler(QuarantineException.class)
    ResponseEntity<ProblemDetail> refused(QuarantineException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiExceptionHandler.problem(HttpStatus.CONFLICT, ProblemType.CONFLICT, e.getMessage()));
    }
}
