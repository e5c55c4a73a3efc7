package hotline.app.report;

import hotline.app.kpi.KpiService;
import hotline.app.kpi.model.Granularity;
import hotline.app.kpi.model.Period;
import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.ReportKind;
import hotline.app.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Generates reports (on schedule or on demand), stores them, and exports them as XLSX or PDF. A report is
 * generated once per kind and period; generating it again replaces its figures.
 */
@Service
public class ReportService {

    public static final Duration MAX_SPECIAL_WINDOW = Duration.ofDays(93);

    public enum Format {
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("application/pdf");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    private final ReportBuilder builder;
    private final ReportStore store;
    private final KpiService kpis;
    private final Clock clock;
    private final MeterRegistry meters;

    ReportService(ReportBuilder builder, ReportStore store, KpiService kpis, Clock clock, MeterRegistry meters) {
        this.builder = builder;
        this.store = store;
        this.kpis = kpis;
        this.clock = clock;
        this.meters = meters;
    }

    /** A calendar report (daily, weekly, monthly, annual, department quarterly, quality monthly) of the period containing {@code day}. */
    @Transactional
    public StoredReport generate(ReportKind kind, LocalDate day, String trigger, String by) {
        if (!kind.isPeriodic()) {
            throw ApiException.invalid("kind: " + kind + " covers a window; give from and to instead of a date");
        }
        Period period = Period.containing(kind.granularity(), day);
        ZoneId zone = kpis.zone();
        Instant now = clock.instant();
        ReportDocument doc = timed(kind, () -> switch (kind) {
            case DEPARTMENT_QUARTERLY -> builder.departmentQuarterly(period, now);
            case QUALITY_MONTHLY -> builder.qualityMonthly(YearMonth.from(period.start()), now);
            default -> builder.periodic(kind, period, now);
        });
        UUID id = store.save(doc, period.from(zone), period.to(zone), trigger, now, by);
        return store.find(id).orElseThrow();
    }

    /** A special report (waterlogging, mass complaints) of any window up to 93 days. */
    @Transactional
    public StoredReport generateSpecial(ReportKind kind, Instant from, Instant to, String by) {
        if (kind.isPeriodic()) {
            throw ApiException.invalid("kind: " + kind + " covers a calendar period; give a date instead of from and to");
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_SPECIAL_WINDOW) > 0) {
            throw ApiException.invalid("from must be before to and the window at most " + MAX_SPECIAL_WINDOW.toDays()
                    + " days; was " + from + " to " + to);
        }
        Instant now = clock.instant();
        ReportDocument doc = timed(kind, () -> kind == ReportKind.WATERLOGGING
                ? builder.waterlogging(from, to, now) : builder.massComplaints(from, to, now));
        UUID id = store.save(doc, from, to, "ON_DEMAND", now, by);
        return store.find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<StoredReport.Summary> list(ReportKind kind, int limit) {
        return store.list(kind, limit);
    }

    @Transactional(readOnly = true)
    public StoredReport get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("report " + id));
    }

    public byte[] export(StoredReport report, Format format) {
        return format == Format.XLSX ? XlsxRenderer.render(report.document()) : PdfRenderer.render(report.document());
    }

    private ReportDocument timed(ReportKind kind, java.util.function.Supplier<ReportDocument> work) {
        return Timer.builder("hotline.report.generation").tag("kind", kind.name())
                .description("time to compute a report's figures").register(meters).record(work);
    }
}
