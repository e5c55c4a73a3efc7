package hotline.app.report.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One part of a report: a heading, a table, and optionally a bar chart. Cells are kept as exact text
 * ("87.50", "12", "—") so the stored report, the desk, the XLSX and the PDF all show the same figures;
 * the column type tells the XLSX writer which cells are numbers.
 */
public record Section(String key, String heading, List<Column> columns, List<List<String>> rows, String chartTitle,
                      List<Bar> chart) {

    /** Shown for a percentage with nothing to measure. */
    public static final String NO_DATA = "—";

    public Section {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(heading, "heading");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        chart = chart == null ? List.of() : List.copyOf(chart);
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("section " + key + ": row " + row + " has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
        }
    }

    public static Builder builder(String key, String heading) {
        return new Builder(key, heading);
    }

    /** The cell in the row whose first cell is {@code rowKey}, under the column titled {@code column}. */
    public String cell(String rowKey, String column) {
        int c = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).title().equals(column)) {
                c = i;
            }
        }
        if (c < 0) {
            throw new IllegalArgumentException("section " + key + " has no column " + column);
        }
        for (List<String> row : rows) {
            if (row.get(0).equals(rowKey)) {
                return row.get(c);
            }
        }
        throw new IllegalArgumentException("section " + key + " has no row " + rowKey);
    }

    public static String percent(BigDecimal p) {
        return p == null ? NO_DATA : p.toPlainString();
    }

    public static final class Builder {
        private final String key;
        private final String heading;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private String chartTitle;
        private List<Bar> chart = List.of();

        private Builder(String key, String heading) {
            this.key = key;
            this.heading = heading;
        }

        public Builder columns(Column... cs) {
            columns.addAll(List.of(cs));
            return this;
        }

        public Builder row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                Object cell = cells[i];
                boolean percentColumn = i < columns.size() && columns.get(i).type() == ColumnType.PERCENT;
                if (cell == null) {
                    row.add(percentColumn ? NO_DATA : "");
                } else {
                    row.add(cell instanceof BigDecimal d ? percent(d) : String.valueOf(cell));
                }
            }
            rows.add(row);
            return this;
        }

        public Builder chart(String title, List<Bar> bars) {
            this.chartTitle = title;
            this.chart = bars;
            return this;
        }

        public Section build() {
            return new Section(key, heading, columns, rows, chartTitle, chart);
        }
    }
}
