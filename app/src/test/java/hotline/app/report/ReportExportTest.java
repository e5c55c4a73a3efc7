package hotline.app.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import hotline.app.report.model.Bar;
import hotline.app.report.model.Column;
import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.ReportKind;
import hotline.app.report.model.Section;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportExportTest {

    private static ReportDocument document() {
        Section kpi = Section.builder("kpi", "考核指标 Contract KPIs")
                .columns(Column.text("指标 KPI"), Column.percent("实际 Actual %"), Column.integer("分母 Denominator"))
                .row("按时办结率 On-time completion", new BigDecimal("66.67"), 9)
                .row("工作满意度 Satisfaction", null, 0)
                .build();
        Section volume = Section.builder("volume", "业务量 Ticket volume")
                .columns(Column.text("时段 Time"), Column.integer("工单量 Tickets"))
                .row("03-01", 1).row("03-02", 3)
                .chart("受理工单量 Tickets accepted", List.of(new Bar("03-01", 1), new Bar("03-02", 3)))
                .build();
        return new ReportDocument(ReportKind.MONTHLY, "水务热线月报 Monthly report 2019-03", "2019-03",
                "2019-04-01T00:30:00Z", List.of(kpi, volume));
    }

    @Test
    void pdfEmbedsTheChineseFontSoChineseTextExtracts() throws Exception {
        byte[] pdf = PdfRenderer.render(document());
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("水务热线月报", "按时办结率", "工作满意度", "受理工单量", "66.67", "—");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("FontFile2");
    }

    @Test
    void xlsxHasOneSheetPerSectionWithNumbersAsNumericCellsAndAChart() throws Exception {
        byte[] xlsx = XlsxRenderer.render(document());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            XSSFSheet kpi = wb.getSheet("考核指标 Contract KPIs");
            assertThat(kpi.getRow(0).getCell(0).getStringCellValue()).isEqualTo("水务热线月报 Monthly report 2019-03");
            assertThat(kpi.getRow(XlsxRenderer.HEADER_ROW + 1).getCell(0).getStringCellValue()).isEqualTo("按时办结率 On-time completion");
            assertThat(kpi.getRow(XlsxRenderer.HEADER_ROW + 1).getCell(1).getNumericCellValue()).isEqualTo(66.67);
            assertThat(kpi.getRow(XlsxRenderer.HEADER_ROW + 2).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(kpi.getRow(XlsxRenderer.HEADER_ROW + 2).getCell(1).getStringCellValue()).isEqualTo("—");
            XSSFSheet volume = wb.getSheet("业务量 Ticket volume");
            assertThat(volume.getRow(XlsxRenderer.HEADER_ROW + 2).getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(volume.getDrawingPatriarch().getCharts()).hasSize(1);
            assertThat(kpi.getDrawingPatriarch()).isNull();
        }
    }
}
