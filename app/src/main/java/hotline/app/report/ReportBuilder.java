package hotline.app.report;

import hotline.app.kpi.KpiRow;
import hotline.app.kpi.KpiScope;
import hotline.app.kpi.KpiService;
import hotline.app.kpi.model.Granularity;
import hotline.app.kpi.model.Kpi;
import hotline.app.kpi.model.KpiValue;
import hotline.app.kpi.model.Period;
import hotline.app.quality.AgentQuality;
import hotline.app.quality.QualityService;
import hotline.app.report.model.Bar;
import hotline.app.report.model.Column;
import hotline.app.report.model.Labels;
import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.ReportKind;
import hotline.app.report.model.Section;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles each kind of report from the KPIs and the report queries. Every figure is computed in the
 * database; this class only arranges them into sections, so the stored document is the report.
 */
@Component
class ReportBuilder {

    static final String YES = "是 yes";
    static final String NO = "否 no";

    private final KpiService kpis;
    private final ReportQueries queries;
    private final QualityService quality;
    private final MassComplaintRepository massComplaints;

    ReportBuilder(KpiService kpis, ReportQueries queries, QualityService quality, MassComplaintRepository massComplaints) {
        this.kpis = kpis;
        this.queries = queries;
        this.quality = quality;
        this.massComplaints = massComplaints;
    }

    private static String title(ReportKind kind, String period) {
        return "水务热线" + kind.chinese() + " " + kind.english() + " " + period;
    }

    /** Daily, weekly, monthly, annual: KPIs against targets, volume, channels, categories, departments, agents. */
    ReportDocument periodic(ReportKind kind, Period period, Instant generatedAt) {
        ZoneId zone = kpis.zone();
        Instant from = period.from(zone);
        Instant to = period.to(zone);
        List<Section> sections = new ArrayList<>();
        Map<KpiScope, List<KpiRow>> all = kpis.allScopes(period);
        KpiRow overall = all.get(KpiScope.OVERALL).get(0);
        sections.add(kpiSection(overall));

        ReportQueries.Bucket bucket = switch (period.granularity()) {
            case DAY -> ReportQueries.Bucket.HOUR;
            case WEEK, MONTH -> ReportQueries.Bucket.DAY;
            case QUARTER, YEAR -> ReportQueries.Bucket.MONTH;
        };
        List<Bar> volume = queries.volume(from, to, zone, bucket, null);
        Section.Builder v = Section.builder("volume", "业务量 Ticket volume")
                .columns(Column.text("时段 Time"), Column.integer("工单量 Tickets"))
                .chart("受理工单量 Tickets accepted", volume);
        volume.forEach(b -> v.row(b.label(), b.value()));
        v.row("合计 Total", overall.counts().tickets());
        sections.add(v.build());

        Section.Builder ch = Section.builder("channels", "渠道 Channels")
                .columns(Column.text("渠道 Channel"), Column.integer("工单量 Tickets"));
        queries.countBy("channel", from, to).forEach((k, n) -> ch.row(Labels.channel(k), n));
        sections.add(ch.build());

        Map<String, Long> categories = queries.countBy("category", from, to);
        List<Bar> categoryBars = new ArrayList<>();
        Section.Builder cat = Section.builder("categories", "诉求类别 Categories")
                .columns(Column.text("类别 Category"), Column.integer("工单量 Tickets"));
        categories.forEach((k, n) -> {
            cat.row(Labels.category(k), n);
            categoryBars.add(new Bar(Labels.category(k).split(" ")[0], n));
        });
        sections.add(cat.chart("按类别 By category", categoryBars).build());

        Map<String, String> departments = queries.departmentNames();
        Section.Builder dep = Section.builder("departments", "经办部门 Handling departments")
                .columns(Column.text("部门 Department"), Column.text("名称 Name"), Column.integer("工单量 Tickets"),
                        Column.percent("按时办结率 On-time %"), Column.percent("回复回访率 Callback %"),
                        Column.percent("满意度 Satisfaction %"));
        for (KpiRow row : all.get(KpiScope.DEPARTMENT)) {
            dep.row(row.key().isEmpty() ? "(hotline)" : row.key(),
                    row.key().isEmpty() ? "热线直接办理 Answered by the hotline" : departments.getOrDefault(row.key(), row.key()),
                    row.counts().tickets(), pct(row, Kpi.ON_TIME_COMPLETION), pct(row, Kpi.REPLY_CALLBACK_RATE),
                    pct(row, Kpi.SATISFACTION));
        }
        sections.add(dep.build());

        Map<String, String> names = queries.accountNames();
        Map<String, Long> calls = queries.answeredCallsByAgent(from, to);
        Section.Builder ag = Section.builder("agents", "坐席 Agents")
                .columns(Column.text("坐席 Agent"), Column.text("姓名 Name"), Column.integer("工单量 Tickets"),
                        Column.integer("接听电话 Calls answered"), Column.percent("按时办结率 On-time %"),
                        Column.percent("满意度 Satisfaction %"), Column.percent("质检得分率 QA %"));
        for (KpiRow row : all.get(KpiScope.AGENT)) {
            if (row.key().isEmpty()) {
                continue;
            }
            ag.row(row.key(), names.getOrDefault(row.key(), row.key()), row.counts().tickets(),
                    calls.getOrDefault(row.key(), 0L), pct(row, Kpi.ON_TIME_COMPLETION), pct(row, Kpi.SATISFACTION),
                    pct(row, Kpi.QA_SCORE));
        }
        sections.add(ag.build());
        return new ReportDocument(kind, title(kind, period.label()), period.label(), generatedAt.toString(), sections);
    }

    static Section kpiSection(KpiRow overall) {
        Section.Builder s = Section.builder("kpi", "考核指标 Contract KPIs")
                .columns(Column.text("指标 KPI"), Column.percent("实际 Actual %"), Column.percent("目标 Target %"),
                        Column.text("达标 Met"), Column.text("分子 Numerator"), Column.text("分母 Denominator"));
        for (KpiValue v : overall.values()) {
            String target = (v.kpi().direction() == Kpi.Direction.AT_MOST ? "≤ " : "≥ ") + v.target().toPlainString();
            s.row(v.kpi().label(), v.percent(), target, v.met() == null ? Section.NO_DATA : v.met() ? YES : NO,
                    v.numerator().toPlainString(), v.denominator().toPlainString());
        }
        return s.build();
    }

    private static BigDecimal pct(KpiRow row, Kpi kpi) {
        return row.values().stream().filter(v -> v.kpi() == kpi).findFirst().map(KpiValue::percent).orElse(null);
    }

    /** 部门季度办理情况: per department, volume, on-time, returns, extensions, second handlings, satisfaction. */
    ReportDocument departmentQuarterly(Period quarter, Instant generatedAt) {
        if (quarter.granularity() != Granularity.QUARTER) {
            throw new IllegalArgumentException("a department summary covers a quarter, not a " + quarter.granularity());
        }
        ZoneId zone = kpis.zone();
        Map<String, String> names = queries.departmentNames();
        Map<String, ReportQueries.DepartmentRequests> requests = queries.departmentRequests(quarter.from(zone), quarter.to(zone));
        Map<String, KpiRow> rows = new java.util.TreeMap<>();
        for (KpiRow row : kpis.kpis(quarter, KpiScope.DEPARTMENT)) {
            if (!row.key().isEmpty()) {
                rows.put(row.key(), row);
            }
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(rows.keySet());
        keys.addAll(requests.keySet());
        Section.Builder s = Section.builder("departments", "部门办理情况 Department handling")
                .columns(Column.text("部门 Department"), Column.text("名称 Name"), Column.integer("工单量 Volume"),
                        Column.percent("按时办结率 On-time %"), Column.integer("退件 Returns"),
                        Column.integer("延期 Extensions"), Column.integer("二次办理 Second handlings"),
                        Column.percent("满意度 Satisfaction %"));
        List<Bar> bars = new ArrayList<>();
        for (String key : keys) {
            KpiRow row = rows.get(key);
            ReportQueries.DepartmentRequests r = requests.getOrDefault(key, new ReportQueries.DepartmentRequests(0, 0, 0));
            long volume = row == null ? 0 : row.counts().tickets();
            s.row(key, names.getOrDefault(key, key), volume, row == null ? null : pct(row, Kpi.ON_TIME_COMPLETION),
                    r.returns(), r.extensions(), r.secondHandlings(), row == null ? null : pct(row, Kpi.SATISFACTION));
            bars.add(new Bar(key, volume));
        }
        s.chart("各部门工单量 Volume by department", bars);
        ReportKind kind = ReportKind.DEPARTMENT_QUARTERLY;
        return new ReportDocument(kind, title(kind, quarter.label()), quarter.label(), generatedAt.toString(),
                List.of(s.build()));
    }

    /** 月度质检报告: per agent, sampled, scored, average, fatal, acknowledged; and the month's QA KPI. */
    ReportDocument qualityMonthly(YearMonth month, Instant generatedAt) {
        Period period = Period.containing(Granularity.MONTH, month.atDay(1));
        Map<String, String> names = queries.accountNames();
        Section.Builder s = Section.builder("agents", "坐席质检结果 Results per agent")
                .columns(Column.text("坐席 Agent"), Column.text("姓名 Name"), Column.integer("抽检 Sampled"),
                        Column.integer("已评分 Scored"), Column.percent("平均得分 Average score"),
                        Column.integer("致命项 Fatal"), Column.integer("已确认 Acknowledged"));
        List<Bar> bars = new ArrayList<>();
        for (AgentQuality q : quality.monthlyResults(month)) {
            s.row(q.agent(), names.getOrDefault(q.agent(), q.agent()), q.sampled(), q.scored(), q.averageScore(),
                    q.fatal(), q.acknowledged());
            bars.add(new Bar(q.agent(), q.averageScore() == null ? 0 : q.averageScore().longValue()));
        }
        s.chart("平均得分 Average score", bars);
        Section kpi = kpiSection(kpis.overall(period));
        Section qaOnly = new Section("kpi", kpi.heading(), kpi.columns(),
                kpi.rows().stream().filter(r -> r.get(0).equals(Kpi.QA_SCORE.label())).toList(), null, null);
        ReportKind kind = ReportKind.QUALITY_MONTHLY;
        return new ReportDocument(kind, title(kind, month.toString()), month.toString(), generatedAt.toString(),
                List.of(qaOnly, s.build()));
    }

    /** 积水投诉专报: waterlogging tickets in the storm window, over time, by district and street, open vs resolved. */
    ReportDocument waterlogging(Instant from, Instant to, Instant generatedAt) {
        ZoneId zone = kpis.zone();
        String category = "WATERLOGGING";
        List<ReportQueries.Place> places = queries.places(category, from, to);
        long total = places.stream().mapToLong(ReportQueries.Place::total).sum();
        long resolved = places.stream().mapToLong(ReportQueries.Place::resolved).sum();
        Section summary = Section.builder("summary", "概况 Summary")
                .columns(Column.text("项目 Item"), Column.integer("工单量 Tickets"))
                .row("积水投诉 Waterlogging complaints", total)
                .row("已答复 Resolved", resolved)
                .row("在办 Open", total - resolved)
                .build();
        ReportQueries.Bucket bucket = Duration.between(from, to).compareTo(Duration.ofDays(3)) <= 0
                ? ReportQueries.Bucket.HOUR : ReportQueries.Bucket.DAY;
        List<Bar> timeline = queries.volume(from, to, zone, bucket, category);
        Section.Builder t = Section.builder("timeline", "投诉量变化 Complaints over time")
                .columns(Column.text("时段 Time"), Column.integer("工单量 Tickets"))
                .chart("积水投诉量 Waterlogging complaints", timeline);
        timeline.forEach(b -> t.row(b.label(), b.value()));
        Section.Builder p = Section.builder("places", "积水点分布 By district and street")
                .columns(Column.text("区 District"), Column.text("街道 Street"), Column.integer("总量 Total"),
                        Column.integer("已答复 Resolved"), Column.integer("在办 Open"));
        places.forEach(pl -> p.row(pl.district(), pl.street(), pl.total(), pl.resolved(), pl.total() - pl.resolved()));
        ReportKind kind = ReportKind.WATERLOGGING;
        String window = window(from, to, zone);
        return new ReportDocument(kind, title(kind, window), window, generatedAt.toString(), List.of(summary, t.build(), p.build()));
    }

    /** 群体性投诉专报: the mass-complaint alerts detected in the window. */
    ReportDocument massComplaints(Instant from, Instant to, Instant generatedAt) {
        ZoneId zone = kpis.zone();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        Section.Builder s = Section.builder("alerts", "群体性投诉 Mass complaints")
                .columns(Column.text("区 District"), Column.text("街道 Street"), Column.text("类别 Category"),
                        Column.text("首次 First"), Column.text("最近 Last"), Column.integer("工单量 Tickets"),
                        Column.text("工单号 Ticket numbers"), Column.text("确认 Acknowledged by"));
        List<Bar> bars = new ArrayList<>();
        for (MassComplaint m : massComplaints.detectedBetween(from, to)) {
            s.row(m.district(), m.street(), Labels.category(m.category()), f.format(m.firstAt()), f.format(m.lastAt()),
                    m.ticketCount(), m.ticketNumbers(), Optional.ofNullable(m.acknowledgedBy()).orElse(""));
            bars.add(new Bar(m.street(), m.ticketCount()));
        }
        s.chart("各地点工单量 Tickets per place", bars);
        ReportKind kind = ReportKind.MASS_COMPLAINTS;
        String window = window(from, to, zone);
        return new ReportDocument(kind, title(kind, window), window, generatedAt.toString(), List.of(s.build()));
    }

    private static String window(Instant from, Instant to, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        return f.format(from) + " ~ " + f.format(to);
    }
}
