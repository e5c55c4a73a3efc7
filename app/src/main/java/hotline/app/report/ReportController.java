package hotline.app.report;

import hotline.app.account.CurrentActor;
import hotline.app.report.model.ReportKind;
import hotline.app.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reports: {@code POST /api/reports} generates one on demand ({@code {"kind":"MONTHLY","date":"2026-03-01"}} or
 * {@code {"kind":"WATERLOGGING","from":"…Z","to":"…Z"}}); {@code GET /api/reports[?kind=]} lists;
 * {@code GET /api/reports/{id}} returns the figures; {@code GET /api/reports/{id}/export?format=xlsx|pdf}
 * downloads the file.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportService reports;
    private final CurrentActor actor;

    ReportController(ReportService reports, CurrentActor actor) {
        this.reports = reports;
        this.actor = actor;
    }

    record GenerateRequest(@NotNull ReportKind kind, LocalDate date, Instant from, Instant to) {
    }

    @PostMapping
    ResponseEntity<StoredReport> generate(@Valid @RequestBody GenerateRequest r) {
        String by = actor.get().username();
        StoredReport report;
        if (r.kind().isPeriodic()) {
            if (r.date() == null) {
                throw ApiException.invalid("date: required for a " + r.kind() + " report (any day of the period)");
            }
            if (r.date().getYear() < 2000 || r.date().getYear() > 2100) {
                throw ApiException.invalid("date must be between 2000 and 2100, was " + r.date());
            }
            report = reports.generate(r.kind(), r.date(), "ON_DEMAND", by);
        } else {
            if (r.from() == null || r.to() == null) {
                throw ApiException.invalid("from, to: required for a " + r.kind() + " report (the window it covers)");
            }
            report = reports.generateSpecial(r.kind(), r.from(), r.to(), by);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(report);
    }

    @GetMapping
    List<StoredReport.Summary> list(@RequestParam(required = false) ReportKind kind,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit must be between 1 and 1000, was " + limit);
        }
        return reports.list(kind, limit);
    }

    @GetMapping("/{id}")
    StoredReport get(@PathVariable UUID id) {
        return reports.get(id);
    }

    @GetMapping("/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable UUID id, @RequestParam String format) {
        ReportService.Format f;
        try {
            f = ReportService.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("format must be xlsx or pdf, was '" + format + "'");
        }
        StoredReport report = reports.get(id);
        byte[] bytes = reports.export(report, f);
        String filename = "hotline-" + report.kind().name().toLowerCase(Locale.ROOT) + "-"
                + report.document().period().replaceAll("[^0-9A-Za-z-]+", "_") + "." + f.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(bytes);
    }
}
