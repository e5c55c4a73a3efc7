package hotline.app.replication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Compares this site's database with the peer's, table by table: row count and an order-independent checksum
 * over key and row version (the sum of a 64-bit hash per row). When a table differs it lists the differing
 * keys: missing here, missing there, or at another version. Writes in flight make the sites differ for a
 * moment, so a difference is re-checked a few times before it is reported.
 */
@Component
public class ConsistencyCheck {

    public record TableResult(String table, long rowsHere, long rowsPeer, String checksumHere, String checksumPeer,
                              boolean equal, List<String> onlyHere, List<String> onlyAtPeer, List<String> versionDiffers) {
    }

    public record Report(String site, String peerSite, Instant checkedAt, boolean equal, int differingTables,
                         List<TableResult> tables, int attempts) {
    }

    private static final int KEYS_LISTED = 50;

    private final DataSource dataSource;
    private final CdcEngine cdc;
    private final ReplicatedTables tables;
    private final ReplicationProperties properties;
    private final Clock clock;
    private volatile Report last;

    ConsistencyCheck(DataSource dataSource, CdcEngine cdc, ReplicatedTables tables, ReplicationProperties properties,
                     Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.cdc = cdc;
        this.tables = tables;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hotline.consistency.differences", this, c -> c.last == null ? 0 : c.last.differingTables())
                .description("tables that differed between the sites at the last consistency check").register(registry);
        Gauge.builder("hotline.consistency.last.check", this, c -> c.last == null ? 0 : c.last.checkedAt().getEpochSecond())
                .baseUnit("timestamp_seconds").description("when the last consistency check ran").register(registry);
    }

    public Report last() {
        return last;
    }

    /** Checks, re-checking differences up to {@code attempts} times {@code pause} apart. */
    public Report check(String siteId, int attempts, Duration pause) {
        if (!properties.hasPeer()) {
            throw new ReplicationException("no peer site configured (hotline.replication.peer-site): nothing to compare with");
        }
        Report report = null;
        for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
            report = checkOnce(siteId, attempt);
            if (report.equal()) {
                break;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        last = report;
        return report;
    }

    private Report checkOnce(String siteId, int attempt) {
        List<TableResult> results = new ArrayList<>();
        try (Connection here = dataSource.getConnection(); Connection peer = cdc.sourceConnection()) {
            for (ReplicatedTables.Table table : tables.business()) {
                long[] h = summary(here, table);
                long[] p = summary(peer, table);
                String checksumHere = Long.toUnsignedString(h[1], 16);
                String checksumPeer = Long.toUnsignedString(p[1], 16);
                if (h[0] == p[0] && h[1] == p[1]) {
                    results.add(new TableResult(table.name(), h[0], p[0], checksumHere, checksumPeer, true,
                            List.of(), List.of(), List.of()));
                    continue;
                }
                Map<String, Long> mine = versions(here, table);
                Map<String, Long> theirs = versions(peer, table);
                List<String> onlyHere = new ArrayList<>();
                List<String> onlyPeer = new ArrayList<>();
                List<String> differs = new ArrayList<>();
                mine.forEach((key, version) -> {
                    Long other = theirs.get(key);
                    if (other == null) {
                        add(onlyHere, key);
                    } else if (!other.equals(version)) {
                        add(differs, key + " here v" + version + ", peer v" + other);
                    }
                });
                theirs.keySet().stream().filter(k -> !mine.containsKey(k)).forEach(k -> add(onlyPeer, k));
                results.add(new TableResult(table.name(), h[0], p[0], checksumHere, checksumPeer, false,
                        onlyHere, onlyPeer, differs));
            }
        } catch (SQLException e) {
            throw new ReplicationException("consistency check could not read both sites: " + e.getMessage(), e);
        }
        int differing = (int) results.stream().filter(r -> !r.equal()).count();
        return new Report(siteId, properties.peerSite(), clock.instant(), differing == 0, differing, results, attempt);
    }

    private static void add(List<String> list, String key) {
        if (list.size() < KEYS_LISTED) {
            list.add(key);
        }
    }

    private static String keyAndVersion(ReplicatedTables.Table table) {
        return "jsonb_build_array(" + table.keyList() + ")::text" + (table.versioned() ? " || ':' || row_version" : "");
    }

    /**
     * Whether a table holds the same keys at the same versions in both databases (count and checksum equal): the
     * failback quarantine skips such tables.
     */
    public static boolean sameKeysAndVersions(Connection here, Connection peer, ReplicatedTables.Table table)
            throws SQLException {
        return java.util.Arrays.equals(summary(here, table), summary(peer, table));
    }

    /** {count, checksum}: the checksum is the wrapping sum of a 64-bit hash of key and version of every row. */
    private static long[] summary(Connection connection, ReplicatedTables.Table table) throws SQLException {
        String sql = "select count(*), coalesce(sum(hashtextextended(" + keyAndVersion(table) + ", 0)::numeric)"
                + " % 18446744073709551616, 0)::text from " + ReplicatedTables.quote(table.name());
        try (PreparedStatement p = connection.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return new long[]{rs.getLong(1), new java.math.BigDecimal(rs.getString(2)).toBigInteger().longValue()};
        }
    }

    private static Map<String, Long> versions(Connection connection, ReplicatedTables.Table table) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        String sql = "select jsonb_build_array(" + table.keyList() + ")::text, "
                + (table.versioned() ? "row_version" : "0") + " from " + ReplicatedTables.quote(table.name());
        try (PreparedStatement p = connection.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new TreeMap<>(result);
    }
}
