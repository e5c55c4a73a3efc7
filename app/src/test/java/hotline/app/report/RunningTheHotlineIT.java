package hotline.app.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import hotline.app.roster.BackupSeatPlan;
import hotline.app.roster.RosterService;
import hotline.app.support.ApiClient;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.HotlineIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KPIs, reports, special reports, quality inspection and rosters over a known month ({@link KnownMonth}):
 * every figure asserted exactly, the XLSX and PDF exports opened and read, bad input answered with 4xx problems.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningTheHotlineIT extends HotlineIT {

    private static final String PROBLEMS = "https://hotline-ha.example/problems/";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MassComplaintDetector detector;
    @Autowired
    RosterService rosterService;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ReportScheduler scheduler;

    private final Map<String, String> inspectionOf = new HashMap<>();

    @BeforeAll
    void knownMonth() {
        KnownMonth month = new KnownMonth(jdbc);
        month.write();
        month.writeStorm();
        ApiClient lead = as("lead");
        Response sample = lead.post("/api/quality/samples", Map.of("month", "2019-03", "seed", 42, "randomPerAgent", 1));
        assertThat(sample.status()).as(sample.body()).isEqualTo(201);
        for (JsonNode i : sample.json().get("inspections")) {
            inspectionOf.put(i.get("ticketNumber").asString(), i.get("id").asString());
        }
        Map<String, Integer> points = new HashMap<>(Map.of("GREETING", 10, "LISTENING", 15, "ACCURACY", 15, "RECORD", 20,
                "DISPATCH", 15, "ATTITUDE", 15));
        Response t3 = lead.post("/api/quality/inspections/" + inspectionOf.get("KQ-T3") + "/score",
                Map.of("points", points, "comment", "答复不够准确"));
        assertThat(t3.status()).as(t3.body()).isEqualTo(200);
        assertThat(t3.json().get("score").decimalValue()).isEqualByComparingTo("90");
        Response t10 = lead.post("/api/quality/inspections/" + inspectionOf.get("KQ-T10") + "/score",
                Map.of("points", points, "fatalItems", List.of("DISCLOSURE")));
        assertThat(t10.status()).as(t10.body()).isEqualTo(200);
        assertThat(t10.json().get("fatal").asBoolean()).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static JsonNode row(JsonNode kpis, String key) {
        for (JsonNode r : kpis.get("rows")) {
            if (r.get("key").asString().equals(key)) {
                return r;
            }
        }
        throw new AssertionError("no KPI row " + key + " in " + kpis);
    }

    private static String percent(JsonNode row, String kpi) {
        for (JsonNode v : row.get("values")) {
            if (v.get("kpi").asString().equals(kpi)) {
                return v.has("percent") ? v.get("percent").decimalValue().setScale(2).toPlainString() : null;
            }
        }
        return "absent";
    }

    private static Boolean met(JsonNode row, String kpi) {
        for (JsonNode v : row.get("values")) {
            if (v.get("kpi").asString().equals(kpi)) {
                return v.has("met") ? v.get("met").asBoolean() : null;
            }
        }
        throw new AssertionError(kpi);
    }

    private static List<String> numbers(Response misses) {
        List<String> list = new ArrayList<>();
        misses.json().get("items").forEach(i -> list.add(i.has("number") ? i.get("number").asString() : i.get("id").asString()));
        return list;
    }

    private static JsonNode section(JsonNode report, String key) {
        for (JsonNode s : report.get("document").get("sections")) {
            if (s.get("key").asString().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no section " + key);
    }

    /** The rows of a section as lists of cell text. */
    private static List<List<String>> rows(JsonNode section) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : section.get("rows")) {
            List<String> cells = new ArrayList<>();
            r.forEach(c -> cells.add(c.asString()));
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> rowStartingWith(JsonNode section, String first) {
        return rows(section).stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in " + section));
    }

    private byte[] download(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("lead:demo".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    private String prometheus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        StringBuilder text = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(extractor.getTextFromPage(p)).append('\n');
        }
        return text.toString();
    }

    private static Row sheetRow(XSSFSheet sheet, String first) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && r.getCell(0).toString().equals(first)) {
                return r;
            }
        }
        throw new AssertionError("no row " + first + " in sheet " + sheet.getSheetName());
    }

    // ---- KPIs ---------------------------------------------------------------------------------------

    @Test
    void everyKpiOfTheKnownMonthIsExactAgainstItsTarget() {
        Response r = lead.get("/api/kpis?period=MONTH&date=2019-03-15");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("period")).isEqualTo("2019-03");
        JsonNode all = row(r.json(), "*");
        assertThat(percent(all, "ANSWER_RATE")).isEqualTo("80.00");          // 4 of 5 calls
        assertThat(percent(all, "ON_TIME_COMPLETION")).isEqualTo("66.67");   // 6 of 9 answered or due
        assertThat(percent(all, "REPLY_CALLBACK_RATE")).isEqualTo("87.50");  // 7 of 8 answered
        assertThat(percent(all, "SATISFACTION")).isEqualTo("66.67");         // 4 of 6 surveyed
        assertThat(percent(all, "QA_SCORE")).isEqualTo("45.00");             // 90 + 0 of 200 points
        assertThat(percent(all, "STAFF_ATTRITION")).isEqualTo("10.00");      // 1 leaver of 9 + 1 joiner
        assertThat(met(all, "ANSWER_RATE")).isFalse();
        assertThat(met(all, "STAFF_ATTRITION")).isTrue();
        assertThat(all.get("counts").get("tickets").asLong()).isEqualTo(10);

        JsonNode byDept = lead.get("/api/kpis?period=MONTH&date=2019-03-01&scope=DEPARTMENT").json();
        assertThat(percent(row(byDept, "kq-supply"), "ON_TIME_COMPLETION")).isEqualTo("80.00");
        assertThat(percent(row(byDept, "kq-supply"), "REPLY_CALLBACK_RATE")).isEqualTo("80.00");
        assertThat(percent(row(byDept, "kq-supply"), "SATISFACTION")).isEqualTo("75.00");
        assertThat(percent(row(byDept, "kq-drain"), "ON_TIME_COMPLETION")).isEqualTo("33.33");
        assertThat(percent(row(byDept, "kq-drain"), "REPLY_CALLBACK_RATE")).isEqualTo("100.00");
        assertThat(percent(row(byDept, "kq-drain"), "SATISFACTION")).isEqualTo("50.00");
        assertThat(percent(row(byDept, ""), "ON_TIME_COMPLETION")).isEqualTo("100.00");
        assertThat(percent(row(byDept, ""), "SATISFACTION")).isNull();
        assertThat(percent(row(byDept, "kq-drain"), "QA_SCORE")).isEqualTo("absent");

        JsonNode byAgent = lead.get("/api/kpis?period=MONTH&date=2019-03-01&scope=AGENT").json();
        assertThat(percent(row(byAgent, "agent1"), "ON_TIME_COMPLETION")).isEqualTo("75.00");
        assertThat(percent(row(byAgent, "agent1"), "SATISFACTION")).isEqualTo("100.00");
        assertThat(percent(row(byAgent, "agent1"), "QA_SCORE")).isNull();
        assertThat(percent(row(byAgent, "agent2"), "ON_TIME_COMPLETION")).isEqualTo("66.67");
        assertThat(percent(row(byAgent, "agent2"), "REPLY_CALLBACK_RATE")).isEqualTo("66.67");
        assertThat(percent(row(byAgent, "agent2"), "SATISFACTION")).isEqualTo("0.00");
        assertThat(percent(row(byAgent, "agent2"), "QA_SCORE")).isEqualTo("45.00");
        assertThat(percent(row(byAgent, "agent3"), "ON_TIME_COMPLETION")).isEqualTo("50.00");

        JsonNode year = row(lead.get("/api/kpis?period=YEAR&date=2019-06-01").json(), "*");
        assertThat(year.get("counts").get("tickets").asLong()).isEqualTo(10 + 8);
        JsonNode day = row(lead.get("/api/kpis?period=DAY&date=2019-03-01").json(), "*");
        assertThat(day.get("counts").get("tickets").asLong()).isEqualTo(1);
        assertThat(percent(day, "ON_TIME_COMPLETION")).isEqualTo("100.00");
    }

    @Test
    void theTicketsBehindEachMissAreListed() {
        String q = "&period=MONTH&date=2019-03-01";
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=ON_TIME_COMPLETION" + q))).containsExactly("KQ-T3", "KQ-T5", "KQ-T8");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=ON_TIME_COMPLETION&department=kq-drain" + q)))
                .containsExactly("KQ-T5", "KQ-T8");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=ON_TIME_COMPLETION&agent=agent2" + q))).containsExactly("KQ-T3");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=REPLY_CALLBACK_RATE" + q))).containsExactly("KQ-T4");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=SATISFACTION" + q))).containsExactly("KQ-T10", "KQ-T3");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=QA_SCORE" + q))).containsExactly("KQ-T10", "KQ-T3");
        assertThat(numbers(lead.get("/api/kpis/misses?kpi=STAFF_ATTRITION" + q))).containsExactly("kq-staff2");
        Response calls = lead.get("/api/kpis/misses?kpi=ANSWER_RATE" + q);
        assertThat(calls.json().get("count").asInt()).isEqualTo(1);
        assertThat(calls.json().get("items").get(0).get("kind").asString()).isEqualTo("CALL");
    }

    // ---- reports ------------------------------------------------------------------------------------

    @Test
    void theMonthlyReportHoldsTheExactFiguresAndExportsToXlsxAndPdfWithChineseText() throws Exception {
        Response r = lead.post("/api/reports", Map.of("kind", "MONTHLY", "date", "2019-03-20"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode report = r.json();
        assertThat(report.get("title").asString()).isEqualTo("水务热线月报 Monthly report 2019-03");
        assertThat(rowStartingWith(section(report, "kpi"), "按时办结率 On-time completion"))
                .containsExactly("按时办结率 On-time completion", "66.67", "≥ 100", "否 no", "6", "9");
        assertThat(rowStartingWith(section(report, "kpi"), "人员流失率 Staff attrition"))
                .containsExactly("人员流失率 Staff attrition", "10.00", "≤ 20", "是 yes", "1", "10");
        assertThat(rowStartingWith(section(report, "volume"), "03-01")).containsExactly("03-01", "1");
        assertThat(rowStartingWith(section(report, "volume"), "03-04")).containsExactly("03-04", "0");
        assertThat(rowStartingWith(section(report, "volume"), "合计 Total")).containsExactly("合计 Total", "10");
        assertThat(section(report, "volume").get("chart")).hasSize(31);
        assertThat(rows(section(report, "channels"))).containsExactly(
                List.of("电话 Phone", "6"), List.of("12345平台 Platform 12345", "2"), List.of("网站 Web", "2"));
        assertThat(rows(section(report, "categories"))).containsExactly(
                List.of("积水 Waterlogging", "4"), List.of("水质 Water quality", "4"),
                List.of("水表水费 Meter/billing", "1"), List.of("爆管 Pipe burst", "1"));
        assertThat(rowStartingWith(section(report, "departments"), "kq-supply"))
                .containsExactly("kq-supply", "测试供水部门", "5", "80.00", "80.00", "75.00");
        assertThat(rowStartingWith(section(report, "agents"), "agent1"))
                .containsExactly("agent1", "话务员 1 号", "4", "2", "75.00", "100.00", "—");
        assertThat(rowStartingWith(section(report, "agents"), "agent2"))
                .containsExactly("agent2", "话务员 2 号", "4", "1", "66.67", "0.00", "45.00");

        // generating again replaces the figures and keeps the report's identity
        Response again = lead.post("/api/reports", Map.of("kind", "MONTHLY", "date", "2019-03-01"));
        assertThat(again.text("id")).isEqualTo(report.get("id").asString());
        assertThat(lead.get("/api/reports?kind=MONTHLY").json().findValuesAsString("id")).contains(report.get("id").asString());

        byte[] xlsx = download("/api/reports/" + report.get("id").asString() + "/export?format=xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet kpi = wb.getSheet("考核指标 Contract KPIs");
            assertThat(sheetRow(kpi, "按时办结率 On-time completion").getCell(1).getNumericCellValue()).isEqualTo(66.67);
            assertThat(sheetRow(kpi, "接通率 Answer rate").getCell(1).getNumericCellValue()).isEqualTo(80.0);
            XSSFSheet departments = wb.getSheet("经办部门 Handling departments");
            assertThat(sheetRow(departments, "kq-drain").getCell(2).getNumericCellValue()).isEqualTo(4.0);
            assertThat(sheetRow(departments, "kq-drain").getCell(3).getNumericCellValue()).isEqualTo(33.33);
            assertThat(wb.getSheet("业务量 Ticket volume").getDrawingPatriarch().getCharts()).hasSize(1);
        }
        String text = pdfText(download("/api/reports/" + report.get("id").asString() + "/export?format=pdf"));
        assertThat(text).contains("水务热线月报", "按时办结率", "66.67", "测试供水部门", "话务员 2 号", "受理工单量");
    }

    @Test
    void theScheduleGeneratesEveryReportDueForThePeriodJustEnded() {
        // 2019-04-01 (a Monday, first of a month and of a quarter): daily, weekly, monthly, quality, department
        assertThat(scheduler.generateDue(LocalDate.of(2019, 4, 1))).isEqualTo(5);
        JsonNode daily = null;
        for (JsonNode r : lead.get("/api/reports?kind=DAILY&limit=1000").json()) {
            if (r.get("title").asString().endsWith("2019-03-31")) {
                daily = r;
            }
        }
        assertThat(daily).as("the daily report of 2019-03-31").isNotNull();
        assertThat(daily.get("trigger").asString()).isEqualTo("SCHEDULED");
        assertThat(daily.get("generatedBy").asString()).isEqualTo("system");
        JsonNode weekly = lead.get("/api/reports?kind=WEEKLY&limit=1000").json();
        assertThat(weekly.findValuesAsString("title")).contains("水务热线周报 Weekly report 2019-W13");
    }

    @Test
    void theDepartmentQuarterlySummaryCountsVolumeOnTimeReturnsExtensionsSecondHandlingsAndSatisfaction() throws Exception {
        Response r = lead.post("/api/reports", Map.of("kind", "DEPARTMENT_QUARTERLY", "date", "2019-02-11"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("document").get("period").asString()).isEqualTo("2019-Q1");
        assertThat(rows(section(r.json(), "departments"))).containsExactly(
                List.of("kq-drain", "测试排水部门", "4", "33.33", "1", "0", "0", "50.00"),
                List.of("kq-supply", "测试供水部门", "5", "80.00", "0", "1", "1", "75.00"));
        assertThat(pdfText(download("/api/reports/" + r.text("id") + "/export?format=pdf"))).contains("部门办理情况", "测试排水部门");
    }

    @Test
    void theWaterloggingReportShowsTheStormOverTimeByPlaceOpenAndResolved() throws Exception {
        Response r = lead.post("/api/reports", Map.of("kind", "WATERLOGGING",
                "from", "2019-07-10T10:00:00Z", "to", "2019-07-10T22:00:00Z"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(rows(section(r.json(), "summary"))).containsExactly(
                List.of("积水投诉 Waterlogging complaints", "6"), List.of("已答复 Resolved", "3"), List.of("在办 Open", "3"));
        assertThat(rows(section(r.json(), "places"))).containsExactly(
                List.of("江汉区", "新华路", "3", "2", "1"), List.of("武昌区", "中山路", "2", "0", "2"),
                List.of("江汉区", "解放大道", "1", "1", "0"));
        List<List<String>> timeline = rows(section(r.json(), "timeline"));
        assertThat(timeline).hasSize(12);
        assertThat(timeline.get(0)).containsExactly("07-10 18:00", "2");
        assertThat(timeline.get(1)).containsExactly("07-10 19:00", "1");
        assertThat(timeline.get(4)).containsExactly("07-10 22:00", "3");
        byte[] xlsx = download("/api/reports/" + r.text("id") + "/export?format=xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(sheetRow(wb.getSheet("积水点分布 By district and street"), "武昌区").getCell(4).getNumericCellValue())
                    .isEqualTo(2.0);
        }
        assertThat(pdfText(download("/api/reports/" + r.text("id") + "/export?format=pdf"))).contains("积水投诉专报", "解放大道");
    }

    @Test
    void massComplaintsAreDetectedOnceAlertTheLeadAndAreCounted() throws Exception {
        KnownMonth writer = new KnownMonth(jdbc);
        for (int i = 0; i < 5; i++) {
            writer.insertTicket("M" + i, null, "agent5", "ACCEPTED", "SEWAGE_OVERFLOW", "PHONE",
                    KnownMonth.at("2031-07-15T10:0" + i), KnownMonth.at("2031-07-20T10:00"), false, null, null, 1,
                    "武昌区", "八一路");
        }
        for (int i = 0; i < 4; i++) {
            writer.insertTicket("N" + i, null, "agent5", "ACCEPTED", "SEWAGE_OVERFLOW", "PHONE",
                    KnownMonth.at("2031-07-15T10:1" + i), KnownMonth.at("2031-07-20T10:00"), false, null, null, 1,
                    "武昌区", "珞喻路");
        }
        double before = meters.counter("hotline.mass.complaints.detected").count();
        List<MassComplaint> raised = detector.detectAt(Instant.parse("2031-07-15T03:00:00Z"));
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).street()).isEqualTo("八一路");
        assertThat(raised.get(0).ticketCount()).isEqualTo(5);
        assertThat(raised.get(0).ticketNumbers()).isEqualTo("KQ-M0,KQ-M1,KQ-M2,KQ-M3,KQ-M4");
        assertThat(meters.counter("hotline.mass.complaints.detected").count()).isEqualTo(before + 1);
        assertThat(prometheus()).contains("hotline_mass_complaints_detected_total");

        // a sixth complaint extends the open alert instead of raising another
        writer.insertTicket("M5", null, "agent5", "ACCEPTED", "SEWAGE_OVERFLOW", "PHONE", KnownMonth.at("2031-07-15T10:55"),
                KnownMonth.at("2031-07-20T10:00"), false, null, null, 1, "武昌区", "八一路");
        assertThat(detector.detectAt(Instant.parse("2031-07-15T03:10:00Z"))).isEmpty();
        String id = raised.get(0).id().toString();
        JsonNode open = lead.get("/api/mass-complaints?open=true").json();
        JsonNode alert = null;
        for (JsonNode a : open) {
            if (a.get("id").asString().equals(id)) {
                alert = a;
            }
        }
        assertThat(alert).as("open alerts: " + open).isNotNull();
        assertThat(alert.get("ticketCount").asInt()).isEqualTo(6);

        Response special = lead.post("/api/reports", Map.of("kind", "MASS_COMPLAINTS",
                "from", "2031-07-15T00:00:00Z", "to", "2031-07-16T00:00:00Z"));
        assertThat(rowStartingWith(section(special.json(), "alerts"), "武昌区").subList(0, 6))
                .containsExactly("武昌区", "八一路", "污水冒溢 Sewage overflow", "2031-07-15 10:00", "2031-07-15 10:55", "6");

        assertThat(lead.post("/api/mass-complaints/" + id + "/acknowledge", Map.of()).status()).isEqualTo(200);
        Response twice = lead.post("/api/mass-complaints/" + id + "/acknowledge", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("type")).isEqualTo(PROBLEMS + "conflict");
    }

    // ---- quality inspection -------------------------------------------------------------------------

    @Test
    void theMonthlySampleTakesTargetedTicketsPlusSeededRandomOnesAndAgentsAcknowledgeTheirResults() throws Exception {
        Response sample = lead.get("/api/quality/samples/2019-03");
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.json().get("seed").asLong()).isEqualTo(42);
        Map<String, String> reasons = new HashMap<>();
        Map<String, Integer> randomPerAgent = new HashMap<>();
        for (JsonNode i : sample.json().get("inspections")) {
            reasons.put(i.get("ticketNumber").asString(), i.get("reason").asString());
            if (i.get("reason").asString().equals("RANDOM")) {
                randomPerAgent.merge(i.get("agent").asString(), 1, Integer::sum);
            }
        }
        assertThat(reasons).hasSize(6).containsEntry("KQ-T3", "LOW_SATISFACTION").containsEntry("KQ-T10", "LOW_SATISFACTION")
                .containsEntry("KQ-T9", "RETURNED");
        assertThat(randomPerAgent).containsExactlyInAnyOrderEntriesOf(Map.of("agent1", 1, "agent2", 1, "agent3", 1));
        assertThat(lead.post("/api/quality/samples", Map.of("month", "2019-03")).status()).isEqualTo(409);

        Response bad = lead.post("/api/quality/inspections/" + inspectionOf.get("KQ-T9") + "/score",
                Map.of("points", Map.of("GREETING", 12)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text("detail")).contains("GREETING must have 0 to 10 points, had 12", "LISTENING has no points");

        ApiClient agent2 = as("agent2");
        Response mine = agent2.get("/api/quality/mine");
        assertThat(mine.json().findValuesAsString("ticketNumber")).contains("KQ-T3", "KQ-T10");
        assertThat(as("agent1").post("/api/quality/inspections/" + inspectionOf.get("KQ-T3") + "/acknowledge", Map.of())
                .status()).isEqualTo(403);
        Response ack = agent2.post("/api/quality/inspections/" + inspectionOf.get("KQ-T3") + "/acknowledge", Map.of());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.text("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(as("agent1").post("/api/quality/inspections/" + inspectionOf.get("KQ-T9") + "/acknowledge", Map.of())
                .status()).isEqualTo(409);

        Response report = lead.post("/api/reports", Map.of("kind", "QUALITY_MONTHLY", "date", "2019-03-01"));
        assertThat(rowStartingWith(section(report.json(), "agents"), "agent2"))
                .containsExactly("agent2", "话务员 2 号", "3", "2", "45.00", "1", "1");
        assertThat(rowStartingWith(section(report.json(), "agents"), "agent1"))
                .containsExactly("agent1", "话务员 1 号", "2", "0", "—", "0", "0");
        assertThat(pdfText(download("/api/reports/" + report.text("id") + "/export?format=pdf"))).contains("月度质检报告", "45.00");
    }

    // ---- rosters ------------------------------------------------------------------------------------

    @Test
    void theValidatorNamesEverySlotBreakingAStaffingRule() {
        assertThat(lead.put("/api/roster/shifts/2031-03-03/DAY",
                Map.of("usernames", List.of("lead", "agent1", "agent2", "agent3", "agent4"))).status()).isEqualTo(204);
        assertThat(lead.put("/api/roster/shifts/2031-03-03/NIGHT", Map.of("usernames", List.of("agent5"))).status()).isEqualTo(204);
        assertThat(lead.put("/api/roster/days/2031-03-04", Map.of("floodLevel", "III", "heavyRainNight", false,
                "upliftPercent", 50)).status()).isEqualTo(204);
        assertThat(lead.put("/api/roster/shifts/2031-03-04/NIGHT", Map.of("usernames", List.of("agent6"))).status()).isEqualTo(204);

        Response v = lead.get("/api/roster/violations?from=2031-03-03&to=2031-03-05");
        assertThat(v.json().findValuesAsString("message")).containsExactly(
                "4 agents on duty, 1 short; working-day daytime needs the project lead and at least 5 agents",
                "no project lead on duty; working-day daytime needs the project lead and at least 5 agents",
                "0 agents on duty, 5 short; working-day daytime needs the project lead and at least 5 agents",
                "1 agent on duty, 1 short; nights during flood-season response level III need at least 2 agents");
        Response roster = as("agent1").get("/api/roster?from=2031-03-03&to=2031-03-05");
        assertThat(roster.status()).isEqualTo(200);
        assertThat(roster.json().get("days").get(1).get("floodLevel").asString()).isEqualTo("III");
        assertThat(roster.json().get("violations")).hasSize(4);

        Response unknown = lead.put("/api/roster/shifts/2031-03-05/DAY", Map.of("usernames", List.of("nobody")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("type")).isEqualTo(PROBLEMS + "invalid-input");
        assertThat(lead.get("/api/roster?from=2031-03-05&to=2031-03-03").status()).isEqualTo(422);
    }

    @Test
    void theBackupSeatPlanPutsTheDaysRosterFirstAndAnExplicitListWins() {
        lead.put("/api/roster/shifts/2031-04-07/DAY", Map.of("usernames", List.of("agent3", "lead", "agent2")));
        lead.put("/api/roster/shifts/2031-04-07/NIGHT", Map.of("usernames", List.of("agent7")));
        Response plan = as("ops").get("/api/roster/backup-seats?date=2031-04-07");
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.text("source")).isEqualTo("ROSTER");
        assertThat(plan.json().get("seats").asInt()).isEqualTo(10);
        List<String> order = plan.json().findValuesAsString("username");
        assertThat(order.subList(0, 7)).containsExactly("lead", "agent2", "agent3", "agent7", "agent1", "agent4", "agent5");
        assertThat(order).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates();
        BackupSeatPlan java = rosterService.backupSeatPlan(LocalDate.of(2031, 4, 7));
        assertThat(java.assignments().get(0).shift()).isEqualTo("DAY");
        assertThat(java.assignments().stream().map(BackupSeatPlan.Seat::username).toList()).isEqualTo(order);

        Response set = lead.put("/api/roster/backup-seats?date=2031-04-07", Map.of("usernames", List.of("agent8", "agent7")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.text("source")).isEqualTo("EXPLICIT");
        assertThat(set.json().findValuesAsString("username")).containsExactly("agent8", "agent7");
        List<String> eleven = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            eleven.add("agent" + i);
        }
        eleven.addAll(List.of("lead", "ops", "auditor"));
        Response tooMany = lead.put("/api/roster/backup-seats?date=2031-04-07", Map.of("usernames", eleven));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.text("detail")).contains("10 seats");
        assertThat(as("agent1").put("/api/roster/backup-seats?date=2031-04-07", Map.of("usernames", List.of())).status())
                .isEqualTo(403);
    }

    @Test
    void theForecastAveragesTheWeekdayHourAppliesTheUpliftAndImpliesStaffing() {
        // Fridays in the eight weeks before 2019-04-05 had one contact, at 08:55 on 2019-03-01
        Response plain = lead.get("/api/roster/forecast?date=2019-04-05&uplift=0");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        JsonNode hour8 = plain.json().get("hours").get(8);
        assertThat(hour8.get("expectedContacts").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(hour8.get("agentsNeeded").asInt()).isEqualTo(1);
        assertThat(plain.json().get("hours").get(9).get("agentsNeeded").asInt()).isZero();
        Response rain = lead.get("/api/roster/forecast?date=2019-04-05&uplift=100");
        assertThat(rain.json().get("hours").get(8).get("expectedContacts").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(lead.get("/api/roster/forecast?date=2019-04-05&uplift=5000").status()).isEqualTo(422);
    }

    @Test
    void attendanceAndHandoverNotesAreRecorded() {
        ApiClient agent1 = as("agent1");
        assertThat(agent1.post("/api/roster/attendance", Map.of("date", "2031-05-05", "shift", "DAY", "username", "agent1",
                "status", "PRESENT")).status()).isEqualTo(204);
        assertThat(agent1.post("/api/roster/attendance", Map.of("date", "2031-05-05", "shift", "DAY", "username", "agent2",
                "status", "ABSENT")).status()).isEqualTo(403);
        assertThat(lead.post("/api/roster/attendance", Map.of("date", "2031-05-05", "shift", "DAY", "username", "agent2",
                "status", "LATE", "note", "地铁延误")).status()).isEqualTo(204);
        Response badStatus = lead.post("/api/roster/attendance", Map.of("date", "2031-05-05", "shift", "DAY",
                "username", "agent2", "status", "SLEEPING"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(lead.get("/api/roster/attendance?date=2031-05-05").json().findValuesAsString("status"))
                .containsExactly("PRESENT", "LATE");

        Response note = agent1.post("/api/roster/handovers", Map.of("date", "2031-05-05", "shift", "DAY",
                "note", "八一路污水冒溢已派排水公司，夜班继续跟进"));
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        assertThat(as("agent2").get("/api/roster/handovers?date=2031-05-05").json().findValuesAsString("note"))
                .containsExactly("八一路污水冒溢已派排水公司，夜班继续跟进");
    }

    // ---- refusals -----------------------------------------------------------------------------------

    @Test
    void badRequestsAreRefusedWithProblemDetails() {
        Response period = lead.get("/api/kpis?period=FORTNIGHT&date=2019-03-01");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.text("type")).isEqualTo(PROBLEMS + "invalid-input");
        assertThat(lead.get("/api/kpis?period=MONTH&date=1899-03-01").status()).isEqualTo(422);
        assertThat(lead.get("/api/kpis?period=MONTH").status()).isEqualTo(400);
        assertThat(lead.get("/api/kpis/misses?kpi=ON_TIME_COMPLETION&date=2019-03-01&limit=0").status()).isEqualTo(422);
        assertThat(agent.get("/api/kpis?period=MONTH&date=2019-03-01").status()).isEqualTo(403);
        assertThat(as("auditor").get("/api/kpis?period=MONTH&date=2019-03-01").status()).isEqualTo(200);

        Response noDate = lead.post("/api/reports", Map.of("kind", "MONTHLY"));
        assertThat(noDate.status()).isEqualTo(422);
        assertThat(noDate.text("detail")).contains("date");
        Response window = lead.post("/api/reports", Map.of("kind", "WATERLOGGING", "from", "2019-07-11T00:00:00Z",
                "to", "2019-07-10T00:00:00Z"));
        assertThat(window.status()).isEqualTo(422);
        assertThat(lead.post("/api/reports", Map.of("kind", "WEEKLYISH", "date", "2019-03-01")).status()).isEqualTo(400);
        String id = lead.post("/api/reports", Map.of("kind", "DAILY", "date", "2019-03-01")).text("id");
        Response format = lead.get("/api/reports/" + id + "/export?format=doc");
        assertThat(format.status()).isEqualTo(422);
        assertThat(format.text("detail")).contains("xlsx or pdf");
        assertThat(lead.get("/api/reports/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(lead.post("/api/quality/samples", Map.of("month", "March")).status()).isEqualTo(422);
    }
}
