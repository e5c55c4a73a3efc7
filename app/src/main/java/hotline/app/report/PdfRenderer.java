package hotline.app.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import hotline.app.report.model.Bar;
import hotline.app.report.model.ColumnType;
import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.Section;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a report as a PDF (A4): title, then each section's heading, table and bar chart (drawn as vector
 * bars). All text uses the embedded WenQuanYi Micro Hei subset ({@code fonts/}), subset again per document,
 * so Chinese renders in any viewer and extracts as text.
 */
final class PdfRenderer {

    static final String FONT = "fonts/wqy-microhei-gb2312.ttf";
    private static final byte[] FONT_BYTES = load();
    private static final Color HEADER = new Color(0xDD, 0xE8, 0xF2);
    private static final Color BAR = new Color(0x0B, 0x4F, 0x7C);

    private PdfRenderer() {
    }

    private static byte[] load() {
        try (InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("the report font " + FONT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BaseFont baseFont() {
        try {
            return BaseFont.createFont("wqy-microhei-gb2312.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false,
                    FONT_BYTES, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] render(ReportDocument doc) {
        BaseFont base = baseFont();
        Font title = new Font(base, 16);
        Font heading = new Font(base, 12);
        Font text = new Font(base, 8);
        Font small = new Font(base, 7, Font.NORMAL, Color.DARK_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            pdf.addTitle(doc.title());
            pdf.addCreator("Hotline HA");
            pdf.open();
            pdf.add(new Paragraph(doc.title(), title));
            pdf.add(new Paragraph("统计期间 Period: " + doc.period() + "    生成时间 Generated: " + doc.generatedAt(), small));
            for (Section section : doc.sections()) {
                Paragraph h = new Paragraph(section.heading(), heading);
                h.setSpacingBefore(12);
                h.setSpacingAfter(4);
                pdf.add(h);
                pdf.add(table(section, text));
                if (!section.chart().isEmpty()) {
                    pdf.add(chart(writer.getDirectContent(), base, section));
                }
            }
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF of " + doc.title(), e);
        }
        return out.toByteArray();
    }

    private static PdfPTable table(Section section, Font font) {
        PdfPTable table = new PdfPTable(section.columns().size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        section.columns().forEach(c -> {
            PdfPCell cell = new PdfPCell(new Phrase(c.title(), font));
            cell.setBackgroundColor(HEADER);
            table.addCell(cell);
        });
        for (List<String> row : section.rows()) {
            for (int i = 0; i < row.size(); i++) {
                PdfPCell cell = new PdfPCell(new Phrase(row.get(i), font));
                if (section.columns().get(i).type() != ColumnType.TEXT) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
        }
        return table;
    }

    /** A vertical bar chart drawn into a template: bars scaled to the largest value, labels below. */
    private static Image chart(PdfContentByte canvas, BaseFont font, Section section) throws DocumentException {
        List<Bar> bars = section.chart();
        float width = 520;
        float height = 170;
        float left = 30;
        float bottom = 34;
        float plotW = width - left - 6;
        float plotH = height - bottom - 22;
        PdfTemplate t = canvas.createTemplate(width, height);
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        t.beginText();
        t.setFontAndSize(font, 9);
        t.showTextAligned(Element.ALIGN_LEFT, section.chartTitle() == null ? "" : section.chartTitle(), left, height - 12, 0);
        t.setFontAndSize(font, 6);
        t.showTextAligned(Element.ALIGN_RIGHT, String.valueOf(max), left - 3, bottom + plotH - 3, 0);
        t.showTextAligned(Element.ALIGN_RIGHT, "0", left - 3, bottom - 2, 0);
        t.endText();
        t.setLineWidth(0.5f);
        t.moveTo(left, bottom);
        t.lineTo(left + plotW, bottom);
        t.moveTo(left, bottom);
        t.lineTo(left, bottom + plotH);
        t.stroke();
        float slot = plotW / bars.size();
        float barW = Math.max(1, slot * 0.7f);
        t.setColorFill(BAR);
        for (int i = 0; i < bars.size(); i++) {
            float h = plotH * bars.get(i).value() / max;
            t.rectangle(left + i * slot + (slot - barW) / 2, bottom, barW, h);
        }
        t.fill();
        t.setColorFill(Color.BLACK);
        int every = Math.max(1, (int) Math.ceil(bars.size() / 16.0));
        t.beginText();
        t.setFontAndSize(font, 6);
        for (int i = 0; i < bars.size(); i += every) {
            float x = left + i * slot + slot / 2;
            boolean rotate = bars.size() > 8;
            t.showTextAligned(rotate ? Element.ALIGN_RIGHT : Element.ALIGN_CENTER, bars.get(i).label(),
                    rotate ? x + 2 : x, bottom - (rotate ? 4 : 8), rotate ? 45 : 0);
            if (bars.size() <= 31) {
                t.showTextAligned(Element.ALIGN_CENTER, String.valueOf(bars.get(i).value()), x,
                        bottom + plotH * bars.get(i).value() / max + 2, 0);
            }
        }
        t.endText();
        Image image = Image.getInstance(t);
        image.setSpacingBefore(6);
        return image;
    }
}
