package hotline.app.replication;

import hotline.app.site.SiteStateService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Collects what a transaction changed from {@code journal_capture} (filled by a row trigger on every replicated
 * table) into change sets for the journal. Inside a transaction it takes that transaction's own rows just before
 * commit; the sweeper takes rows left by writes made outside a managed transaction (they are visible only once
 * committed, so it never takes a transaction's rows early).
 */
@Component
class JournalCapture {

    // lazily: the site service needs the transaction manager, which needs this
    private final ObjectProvider<SiteStateService> site;
    private final Clock clock;

    JournalCapture(ObjectProvider<SiteStateService> site, Clock clock) {
        this.site = site;
        this.clock = clock;
    }

    /** This transaction's changes, removed from the capture table in the same transaction; null when it wrote nothing. */
    ChangeSet collectOwn(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("""
                delete from journal_capture where xid = pg_current_xact_id_if_assigned()
                returning xid::text, seq, table_name, op, row_data::text""")) {
            List<ChangeSet> sets = read(p);
            return sets.isEmpty() ? null : sets.get(0);
        }
    }

    /** Committed changes nobody collected (writes outside a managed transaction), grouped by transaction. */
    List<ChangeSet> sweep(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("""
                delete from journal_capture returning xid::text, seq, table_name, op, row_data::text""")) {
            return read(p);
        }
    }

    private List<ChangeSet> read(PreparedStatement p) throws SQLException {
        record Captured(long seq, RowChange change) {
        }
        Map<Long, List<Captured>> byXid = new LinkedHashMap<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long xid8 = Long.parseLong(rs.getString(1));
                byXid.computeIfAbsent(xid8, k -> new ArrayList<>()).add(new Captured(rs.getLong(2),
                        new RowChange(rs.getString(3), rs.getString(4).charAt(0), rs.getString(5))));
            }
        }
        List<ChangeSet> result = new ArrayList<>();
        var state = site.getObject().current();
        byXid.forEach((xid8, rows) -> result.add(new ChangeSet(state.siteId(), state.epoch(),
                xid8 & 0xFFFF_FFFFL,  // logical decoding reports the 32-bit transaction id
                clock.instant(), rows.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).map(Captured::change).toList())));
        return result;
    }
}
