package hotline.app.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Null-safe conversions between Java values and JDBC column values, shared by every repository. */
public final class SqlValues {

    private SqlValues() {
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
