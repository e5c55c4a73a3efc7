package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillKind;
import hotline.app.drill.model.DrillResult;
import hotline.app.drill.model.DrillTrigger;
import hotline.app.drill.model.EvidenceChain;
import hotline.app.drill.model.StepOutcome;
import hotline.app.web.ApiException;
import hotline.app.web.ApiExceptionHandler;
import hotline.app.web.ProblemType;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drill evidence over HTTP.
 * <ul>
 *   <li>{@code POST /api/ops/drills} (ops; ACTIVE site only): append finished evidence; 201 with the export,
 *       200 when the same evidence (same id, same content) was already recorded, 400 when ill-formed, 409 when the
 *       id was recorded with other content or the {@code Hotline-Epoch} is stale, 503 at a standby or fenced site.</li>
 *   <li>{@code GET /api/ops/drills?page=&size=}: newest first.</li>
 *   <li>{@code GET /api/ops/drills/{id}}: the export, {@code {"evidence":<canonical JSON>,"hash":…,"previousHash":…}}.</li>
 *   <li>{@code GET /api/ops/drills/{id}/report[?download=true]}: the self-contained HTML report.</li>
 *   <li>{@code GET /api/ops/drills/chain}: the verification of the whole chain.</li>
 * </ul>
 * Reading is open to ops, the project lead and auditors, at either site.
 */
@RestController
@RequestMapping("/api/ops/drills")
class DrillEvidenceController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final DrillEvidenceService drills;

    DrillEvidenceController(DrillEvidenceService drills) {
        this.drills = drills;
    }

    record Summary(UUID id, long seq, DrillKind kind, DrillResult result, String reason, String startedBy,
                   DrillTrigger trigger, Instant startedAt, Instant finishedAt, BigDecimal rtoSeconds,
                   BigDecimal rpoWrites, List<String> missedFigures, List<String> failedSteps, int quarantined,
                   String recordedSite, String hash, String json, String report) {

        static Summary of(ChainedEvidence r) {
            DrillEvidence e = r.evidence();
            String self = "/api/ops/drills/" + e.id();
            return new Summary(e.id(), r.seq(), e.kind(), e.result(), e.reason(), e.startedBy(), e.trigger(),
                    e.startedAt(), e.finishedAt(), e.figure(DrillEvidence.RTO).map(DrillEvidence.Figure::value).orElse(null),
                    e.figure(DrillEvidence.RPO).map(DrillEvidence.Figure::value).orElse(null),
                    e.figures().stream().filter(DrillEvidence.Figure::missed).map(DrillEvidence.Figure::name).toList(),
                    e.steps().stream().filter(s -> s.outcome() == StepOutcome.FAILED).map(DrillEvidence.Step::name).toList(),
                    e.quarantined(), r.recordedSite(), r.hash(), self, self + "/report");
        }
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> append(@RequestBody DrillEvidence evidence,
                                  @RequestHeader(value = "Hotline-Epoch", required = false) String epoch,
                                  Authentication who) {
        DrillEvidenceStore.Appended appended = drills.record(evidence, who.getName(), epoch(epoch));
        ChainedEvidence r = appended.record();
        ResponseEntity.BodyBuilder response = appended.created()
                ? ResponseEntity.created(URI.create("/api/ops/drills/" + r.evidence().id()))
                : ResponseEntity.ok();
        return response.contentType(JSON).body(r.exportJson().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping
    Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) Integer size) {
        int s = size == null ? drills.defaultPageSize() : size;
        if (page < 0 || page > 100_000 || s < 1 || s > 200) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemType.INVALID_INPUT,
                    "page must be 0 or more and size between 1 and 200");
        }
        return new Page(drills.page(page, s).stream().map(Summary::of).toList(), page, s, drills.count());
    }

    @GetMapping("/chain")
    EvidenceChain.Verification chain() {
        return drills.verify();
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> export(@PathVariable UUID id) {
        ChainedEvidence r = drills.find(id).orElseThrow(() -> ApiException.notFound("drill evidence " + id));
        return ResponseEntity.ok().contentType(JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("drill-" + r.seq() + "-" + id + ".json").build().toString())
                .body(r.exportJson().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/{id}/report")
    ResponseEntity<byte[]> report(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean download) {
        ChainedEvidence r = drills.find(id).orElseThrow(() -> ApiException.notFound("drill evidence " + id));
        String filename = "drill-" + r.seq() + "-" + id + ".html";
        return ResponseEntity.ok().contentType(HTML)
                .header(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(filename).build().toString())
                .body(drills.reportHtml(r).getBytes(StandardCharsets.UTF_8));
    }

    private static Long epoch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(header.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST, "Hotline-Epoch must be a whole number");
        }
    }

    @ExceptionHandler(DrillEvidenceService.InvalidEvidenceException.class)
    ResponseEntity<ProblemDetail> invalid(DrillEvidenceService.InvalidEvidenceException e) {
        ProblemDetail p = ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, ProblemType.INVALID_INPUT,
                e.getMessage() + "; nothing was recorded");
        p.setProperty("errors", e.problems());
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler(DrillEvidenceStore.DifferentContentException.class)
    ResponseEntity<ProblemDetail> differentContent(DrillEvidenceStore.DifferentContentException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiExceptionHandler.problem(HttpStatus.CONFLICT, ProblemType.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(DrillEvidenceStore.CorruptEvidenceException.class)
    ResponseEntity<ProblemDetail> corrupt(DrillEvidenceStore.CorruptEvidenceException e) {
        return ResponseEntity.internalServerError().body(ApiExceptionHandler.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemType.CORRUPT_DATA, e.getMessage()));
    }
}
