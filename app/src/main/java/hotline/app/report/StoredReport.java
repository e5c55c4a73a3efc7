package hotline.app.report;

import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.ReportKind;

import java.time.Instant;
import java.util.UUID;

/** A generated report as stored: what it covers, who or what generated it, and the document itself. */
public record StoredReport(UUID id, ReportKind kind, String title, Instant periodStart, Instant periodEnd,
                           String trigger, Instant generatedAt, String generatedBy, ReportDocument document) {

    /** The list entry, without the document. */
    public record Summary(UUID id, ReportKind kind, String title, Instant periodStart, Instant periodEnd, String trigger,
                          Instant generatedAt, String generatedBy) {
    }
}
