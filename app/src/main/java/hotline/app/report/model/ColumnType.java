package hotline.app.report.model;

/** How a column's values are written: text, a whole number, or a percentage with two decimals. */
public enum ColumnType {
    TEXT,
    INTEGER,
    PERCENT
}
