package hotline.app.report;

import hotline.app.report.model.Bar;
import hotline.app.report.model.Column;
import hotline.app.report.model.ColumnType;
import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.Section;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a report as an XLSX workbook: one sheet per section (title, heading, header row, data), numbers
 * as numeric cells (percentages with two decimals), and a native Excel bar chart beside the table when the
 * section has one. Sheet names are the section headings (Excel's 31-character limit applied).
 */
final class XlsxRenderer {

    /** Table rows start here (0-based): title, period line, blank, header. */
    static final int HEADER_ROW = 3;

    private XlsxRenderer() {
    }

    static byte[] render(ReportDocument doc) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle titleStyle = wb.createCellStyle();
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            titleStyle.setFont(big);
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            Set<String> used = new HashSet<>();
            for (Section section : doc.sections()) {
                XSSFSheet sheet = wb.createSheet(sheetName(section.heading(), used));
                XSSFRow t = sheet.createRow(0);
                t.createCell(0).setCellValue(doc.title());
                t.getCell(0).setCellStyle(titleStyle);
                sheet.createRow(1).createCell(0).setCellValue(section.heading() + " · " + doc.period()
                        + " · 生成 generated " + doc.generatedAt());
                List<Column> columns = section.columns();
                XSSFRow h = sheet.createRow(HEADER_ROW);
                for (int c = 0; c < columns.size(); c++) {
                    h.createCell(c).setCellValue(columns.get(c).title());
                    h.getCell(c).setCellStyle(header);
                }
                int r = HEADER_ROW + 1;
                for (List<String> row : section.rows()) {
                    XSSFRow x = sheet.createRow(r++);
                    for (int c = 0; c < columns.size(); c++) {
                        String value = row.get(c);
                        ColumnType type = columns.get(c).type();
                        if (type != ColumnType.TEXT && isNumber(value)) {
                            x.createCell(c).setCellValue(Double.parseDouble(value));
                            if (type == ColumnType.PERCENT) {
                                x.getCell(c).setCellStyle(percent);
                            }
                        } else {
                            x.createCell(c).setCellValue(value);
                        }
                    }
                }
                for (int c = 0; c < columns.size(); c++) {
                    sheet.setColumnWidth(c, Math.min(60, Math.max(12, columns.get(c).title().length() + 4)) * 256);
                }
                if (!section.chart().isEmpty()) {
                    chart(sheet, section, columns.size() + 1);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XLSX of " + doc.title(), e);
        }
    }

    /** The chart's data goes in two columns right of the table; the chart is anchored right of those. */
    private static void chart(XSSFSheet sheet, Section section, int firstColumn) {
        List<Bar> bars = section.chart();
        int labelCol = firstColumn;
        int valueCol = firstColumn + 1;
        XSSFRow head = sheet.getRow(HEADER_ROW);
        head.createCell(labelCol).setCellValue("图表 Chart");
        head.createCell(valueCol).setCellValue(section.chartTitle() == null ? "" : section.chartTitle());
        for (int i = 0; i < bars.size(); i++) {
            XSSFRow row = sheet.getRow(HEADER_ROW + 1 + i);
            if (row == null) {
                row = sheet.createRow(HEADER_ROW + 1 + i);
            }
            row.createCell(labelCol).setCellValue(bars.get(i).label());
            row.createCell(valueCol).setCellValue(bars.get(i).value());
        }
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, valueCol + 2, HEADER_ROW, valueCol + 14, HEADER_ROW + 22);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(section.chartTitle() == null ? section.heading() : section.chartTitle());
        chart.setTitleOverlay(false);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        int first = HEADER_ROW + 1;
        int last = HEADER_ROW + bars.size();
        var categories = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(first, last, labelCol, labelCol));
        var values = XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(first, last, valueCol, valueCol));
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        data.addSeries(categories, values).setTitle(section.chartTitle() == null ? "" : section.chartTitle(), null);
        chart.plot(data);
    }

    private static boolean isNumber(String s) {
        return s != null && s.matches("-?\\d+(\\.\\d+)?");
    }

    static String sheetName(String heading, Set<String> used) {
        String base = WorkbookUtil.createSafeSheetName(heading);
        if (base.length() > 28) {
            base = base.substring(0, 28);
        }
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + " " + i;
        }
        return name;
    }
}
