package hotline.app.report.model;

import java.util.Objects;

public record Column(String title, ColumnType type) {

    public Column {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
    }

    public static Column text(String title) {
        return new Column(title, ColumnType.TEXT);
    }

    public static Column integer(String title) {
        return new Column(title, ColumnType.INTEGER);
    }

    public static Column percent(String title) {
        return new Column(title, ColumnType.PERCENT);
    }
}
