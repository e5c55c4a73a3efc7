package hotline.app.report;

import hotline.app.site.LeadReplica;
import hotline.app.site.SiteStateService;
import hotline.app.kpi.KpiService;
import hotline.app.report.model.ReportKind;
import hotline.app.report.model.ReportSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Generates the periodic reports on the configured cron ({@code hotline.reports.cron}, in the KPI zone):
 * each report covers the period that has just ended. A failure of one report is logged and does not stop
 * the others; the next run, or an on-demand generation, makes it again. Only the site's lead replica runs it:
 * every replica fires the same cron, and each would store its own copy of every report.
 */
@Component
class ReportScheduler {

    private final SiteStateService site;
    private final LeadReplica lead;

    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportService reports;
    private final KpiService kpis;
    private final Clock clock;

    ReportScheduler(SiteStateService site, LeadReplica lead, ReportService reports, KpiService kpis, Clock clock) {
        this.site = site;
        this.lead = lead;
        this.reports = reports;
        this.kpis = kpis;
        this.clock = clock;
    }

    @Scheduled(cron = "${hotline.reports.cron:0 30 0 * * *}", zone = "${hotline.kpi.zone:Asia/Shanghai}")
    void run() {
        if (!site.takesWrites()) {
            return;  // reports are stored: the active site generates them, the standby receives them
        }
        if (!lead.isLead()) {
            return;  // one copy per site: the lead replica makes it
        }
        generateDue(LocalDate.now(clock.withZone(kpis.zone())));
    }

    /** Generates every report due on {@code today}, each for the period that ended yesterday. */
    int generateDue(LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        int generated = 0;
        for (ReportKind kind : ReportSchedule.dueOn(today)) {
            try {
                StoredReport r = reports.generate(kind, yesterday, "SCHEDULED", "system");
                log.info("scheduled report generated: {} ({})", r.title(), r.id());
                generated++;
            } catch (RuntimeException e) {
                log.error("scheduled {} report for {} failed; it will be generated on the next run or on demand",
                        kind, yesterday, e);
            }
        }
        return generated;
    }
}
