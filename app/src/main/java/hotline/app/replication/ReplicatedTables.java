package hotline.app.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which tables replicate, with their columns and keys, read from this site's own schema. A table replicates
 * when the migration callback {@code afterMigrate.sql} gave it the journal capture trigger (every business
 * table); {@code replication_heartbeat} replicates too, to measure the lag, but is not business data.
 */
@Component
public class ReplicatedTables {

    public static final String HEARTBEAT_TABLE = "replication_heartbeat";

    /** @param columns column name → SQL type, in table order */
    public record Table(String name, Map<String, String> columns, List<String> keyColumns) {

        public boolean versioned() {
            return columns.containsKey("row_version");
        }

        public String keyList() {
            return String.join(", ", keyColumns.stream().map(ReplicatedTables::quote).toList());
        }
    }

    private final JdbcClient jdbc;
    private volatile Map<String, Table> tables;

    ReplicatedTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Business tables (what the consistency check compares), alphabetical. */
    public List<Table> business() {
        return all().values().stream().filter(t -> !t.name().equals(HEARTBEAT_TABLE)).toList();
    }

    /** Everything in the publication: business tables and the heartbeat. */
    public Map<String, Table> all() {
        Map<String, Table> known = tables;
        if (known == null) {
            known = load();
            tables = known;
        }
        return known;
    }

    public Optional<Table> find(String name) {
        Table table = all().get(name);
        if (table == null) {
            tables = null;  // a migration may have added it since
            table = all().get(name);
        }
        return Optional.ofNullable(table);
    }

    private Map<String, Table> load() {
        List<String> names = new ArrayList<>(jdbc.sql("""
                        select c.relname from pg_class c
                        join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind = 'r'
                          and exists (select 1 from pg_trigger t where t.tgrelid = c.oid
                                      and t.tgname = c.relname || '_journal_capture')
                        order by c.relname""").query(String.class).list());
        names.add(HEARTBEAT_TABLE);
        Map<String, Table> result = new LinkedHashMap<>();
        for (String name : names.stream().sorted().toList()) {
            Map<String, String> columns = new LinkedHashMap<>();
            jdbc.sql("""
                            select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a
                            where a.attrelid = (current_schema() || '.' || :t)::regclass and a.attnum > 0 and not a.attisdropped
                            order by a.attnum""")
                    .param("t", name)
                    .query((rs, n) -> columns.put(rs.getString(1), rs.getString(2))).list();
            List<String> keys = jdbc.sql("""
                            select a.attname from pg_index i
                            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                            where i.indrelid = (current_schema() || '.' || :t)::regclass and i.indisprimary
                            order by array_position(i.indkey, a.attnum)""")
                    .param("t", name).query(String.class).list();
            if (keys.isEmpty()) {
                throw new IllegalStateException("table " + name + " has no primary key: it cannot be replicated");
            }
            result.put(name, new Table(name, columns, keys));
        }
        return result;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
