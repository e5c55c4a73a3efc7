package hotline.app.bench;

import hotline.app.kpi.KpiScope;
import hotline.app.kpi.KpiService;
import hotline.app.kpi.model.Granularity;
import hotline.app.kpi.model.Period;
import hotline.app.report.ReportService;
import hotline.app.report.StoredReport;
import hotline.app.report.model.ReportKind;
import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Not a test: a benchmark of report generation over a year of data. Seeds ≈100,000 tickets of 2019 (with
 * ≈500,000 history entries and 150,000 calls) into an embedded PostgreSQL 17, then prints how long the
 * KPI queries and the monthly and annual reports (figures, XLSX, PDF) take, each run twice (cold, warm).
 *
 * <pre>
 * ./mvnw -B -pl app -am -Dtest=ReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false test
 * </pre>
 * Its name does not end in Test or IT, so the normal build never runs it. Results go to BENCHMARKS.md.
 */
@TestPropertySource(properties = {"hotline.reports.cron=-", "hotline.reports.mass-complaints.scan-interval=PT1H",
        "spring.datasource.hikari.maximum-pool-size=4"})
class ReportBenchmark extends HotlineIT {

    static final int TICKETS = Integer.getInteger("bench.tickets", 100_000);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    KpiService kpis;
    @Autowired
    ReportService reports;

    private final List<String> lines = new ArrayList<>();

    @Test
    void yearOfTickets() {
        long seedStart = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long tickets = jdbc.sql("select count(*) from ticket where number like 'B%'").query(Long.class).single();
        long events = jdbc.sql("select count(*) from ticket_event").query(Long.class).single();
        long contacts = jdbc.sql("select count(*) from contact").query(Long.class).single();

        Period month = Period.containing(Granularity.MONTH, LocalDate.of(2019, 6, 1));
        Period year = Period.containing(Granularity.YEAR, LocalDate.of(2019, 6, 1));
        for (int run = 1; run <= 2; run++) {
            String r = run == 1 ? "cold" : "warm";
            time("KPIs, month, hotline (" + r + ")", () -> kpis.kpis(month, KpiScope.OVERALL));
            time("KPIs, year, hotline (" + r + ")", () -> kpis.kpis(year, KpiScope.OVERALL));
            time("KPIs, year, per department (" + r + ")", () -> kpis.kpis(year, KpiScope.DEPARTMENT));
            time("KPIs, year, per agent (" + r + ")", () -> kpis.kpis(year, KpiScope.AGENT));
            time("misses, year, on-time (" + r + ")", () -> kpis.misses(hotline.app.kpi.model.Kpi.ON_TIME_COMPLETION, year, null, null, 5000));
            StoredReport monthly = time("monthly report figures (" + r + ")",
                    () -> reports.generate(ReportKind.MONTHLY, month.start(), "ON_DEMAND", "bench"));
            time("monthly report XLSX (" + r + ")", () -> reports.export(monthly, ReportService.Format.XLSX));
            time("monthly report PDF (" + r + ")", () -> reports.export(monthly, ReportService.Format.PDF));
            StoredReport annual = time("annual report figures (" + r + ")",
                    () -> reports.generate(ReportKind.ANNUAL, year.start(), "ON_DEMAND", "bench"));
            time("annual report XLSX (" + r + ")", () -> reports.export(annual, ReportService.Format.XLSX));
            time("annual report PDF (" + r + ")", () -> reports.export(annual, ReportService.Format.PDF));
            time("department quarterly figures (" + r + ")",
                    () -> reports.generate(ReportKind.DEPARTMENT_QUARTERLY, LocalDate.of(2019, 5, 1), "ON_DEMAND", "bench"));
        }
        System.out.println();
        System.out.println("=== ReportBenchmark: " + tickets + " tickets, " + events + " history entries, " + contacts
                + " contacts; seeded in " + String.format(Locale.ROOT, "%.1f", seedSeconds) + " s ===");
        lines.forEach(System.out::println);
        System.out.println("=== end ===");
    }

    private <T> T time(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        lines.add(String.format(Locale.ROOT, "%-45s %8.0f ms", what, (System.nanoTime() - start) / 1e6));
        return result;
    }

    /** Set-based seeding: tickets spread evenly over 2019, five history entries each, 1.5 calls a ticket. */
    private void seed() {
        jdbc.sql("""
                insert into ticket (id, number, channel, state, category, priority, title, description, district, street,
                  department_id, handling_round, accepted_at, due_at, near_due_at, sla_breached, satisfaction,
                  callback_reached, owner_username, created_site, updated_at)
                select gen_random_uuid(), 'B' || lpad(g::text, 7, '0'),
                       (array['PHONE','WEB','WECHAT','PLATFORM_12345'])[1 + g % 4],
                       case when g % 10 = 0 then 'ASSIGNED' else 'CLOSED' end,
                       (array['WATER_SUPPLY_OUTAGE','LOW_PRESSURE','PIPE_BURST','WATER_QUALITY','METER_BILLING',
                              'WATERLOGGING','SEWAGE_OVERFLOW','DRAINAGE_FACILITY','SERVICE_ATTITUDE','OTHER'])[1 + g % 10],
                       'NORMAL', '基准工单', '基准数据', (array['江汉区','武昌区','汉阳区'])[1 + g % 3],
                       (array['新华路','中山路','解放大道','八一路'])[1 + g % 4],
                       (array['supply','drainage','quality','jianghan','wuchang','office'])[1 + g % 6],
                       1 + (g % 25 = 0)::int, ts,
                       case when g % 10 = 0 then timestamptz '2099-01-01' else ts + interval '3 days' end,
                       case when g % 10 = 0 then timestamptz '2099-01-01' else ts + interval '2 days' end,
                       g % 17 = 0,
                       case when g % 10 = 0 then null
                            else (array['VERY_SATISFIED','SATISFIED','BASICALLY_SATISFIED','SATISFIED','VERY_SATISFIED',
                                        'SATISFIED','BASICALLY_SATISFIED','SATISFIED','VERY_SATISFIED','DISSATISFIED',
                                        'SATISFIED'])[1 + g % 11] end,
                       case when g % 10 = 0 then null else g % 50 <> 0 end,
                       'agent' || (1 + g % 8), 'a', ts
                from (select g, timestamptz '2019-01-01 00:00:00+08' + g * interval '315 seconds' as ts
                      from generate_series(1, :n) g) s""")
                .param("n", TICKETS).update();
        jdbc.sql("""
                insert into ticket_event (id, ticket_id, seq, action, from_state, to_state, actor, actor_role, site, at)
                select gen_random_uuid(), t.id, e.seq, e.action, null, e.to_state,
                       case when e.action = 'REQUEST_EXTENSION' then 'supply' else t.owner_username end,
                       case when e.action = 'REQUEST_EXTENSION' then 'DEPARTMENT' else 'AGENT' end, 'a',
                       t.accepted_at + e.after * (case when t.sla_breached then 2 else 1 end)
                from ticket t
                cross join (values (1, 'CREATED', 'ACCEPTED', interval '0'), (2, 'SCREEN', 'SCREENED', interval '10 minutes'),
                                   (3, 'ASSIGN', 'ASSIGNED', interval '20 minutes'),
                                   (4, 'REQUEST_EXTENSION', 'EXTENSION_REQUESTED', interval '1 day'),
                                   (5, 'REPLY_TO_CITIZEN', 'CITIZEN_REPLIED', interval '40 hours')) as e(seq, action, to_state, after)
                where t.number like 'B%' and (t.state = 'CLOSED' or e.seq <= 3)
                  and (e.action <> 'REQUEST_EXTENSION' or t.department_id = 'supply')""")
                .update();
        jdbc.sql("""
                insert into contact (id, channel, state, priority, queued_at, agent_username, connected_at, ended_at, site)
                select gen_random_uuid(), 'PHONE_IN', case when g % 20 = 0 then 'ABANDONED' else 'COMPLETED' end, 'NORMAL',
                       ts, case when g % 20 = 0 then null else 'agent' || (1 + g % 8) end,
                       case when g % 20 = 0 then null else ts + interval '20 seconds' end, ts + interval '4 minutes', 'a'
                from (select g, timestamptz '2019-01-01 00:00:00+08' + g * interval '210 seconds' as ts
                      from generate_series(1, :n) g) s""")
                .param("n", TICKETS * 3 / 2).update();
        jdbc.sql("analyze").update();
    }
}
