package hotline.app.replication;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row's new state (or its deletion) in a source transaction, as JSON named by column, the form PostgreSQL's
 * {@code jsonb_populate_record} reads back into the table's row type.
 *
 * @param table table name
 * @param op    {@code c} insert, {@code u} update, {@code r} snapshot read, {@code d} delete
 * @param row   the row (for a delete: at least its key columns)
 */
public record RowChange(String table, char op, String row) implements Serializable {

    public RowChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(row, "row");
        if ("curd".indexOf(op) < 0) {
            throw new IllegalArgumentException("op must be c, u, r or d, was " + op);
        }
    }

    public boolean isDelete() {
        return op == 'd';
    }
}
