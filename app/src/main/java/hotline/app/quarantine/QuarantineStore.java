package hotline.app.quarantine;

import hotline.app.jdbc.SqlValues;
import hotline.app.quarantine.model.OrphanKind;
import hotline.app.quarantine.model.QuarantineStatus;
import hotline.app.replication.PeerDatabase;
import hotline.app.site.SiteStateService;
import hotline.app.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where quarantine entries live, and why there.
 *
 * <p>The entries are written <b>into the new active's database</b>, table {@code replication_quarantine}, through
 * this (old active) site's peer connection. That table is replicated like business data, so:
 * <ul>
 *   <li>the entries are at the site that takes writes, where ops review them, and a review is an ordinary
 *       replicated update;</li>
 *   <li>they reach the old active by its own resync and CDC — the resync that would delete a row the old active
 *       wrote <em>locally</em> into a replicated table (the new active lacks it) instead copies them there;</li>
 *   <li>they are journalled and replicated onwards like any write, so a later failover keeps them too.</li>
 * </ul>
 * A site-local table at the old active alone would survive its resync but be invisible at the active site and
 * lost with the old active's disk. When the new active refuses the entries (unreachable, fenced, not ACTIVE), they
 * are kept at this site in the site-local {@code quarantine_pending} (no resync touches it) and offered to the
 * active site again every {@code hotline.quarantine.refresh-interval}; nothing is lost either way and an orphan is
 * stored once ({@code orphan_ref} is unique in both tables, and a key pending here is not written there again).
 *
 * <p>The peer database user therefore needs, besides replication and {@code SELECT}: {@code INSERT, UPDATE} on
 * {@code replication_quarantine}, {@code INSERT} on {@code journal_capture} and {@code USAGE} on
 * {@code row_version_seq} (its triggers run as that user).
 */
@Component
class QuarantineStore {

    private static final Logger log = LoggerFactory.getLogger(QuarantineStore.class);
    static final String REPLICATED = "replication_quarantine";
    static final String LOCAL = "quarantine_pending";

    /** An orphan about to be quarantined. */
    record NewEntry(UUID id, String orphanRef, Instant detectedAt, String detectedBySite, long epoch,
                    String oldActiveSite, String newActiveSite, String table, String rowKey, OrphanKind kind,
                    String oldActiveRow, String newActiveRow, Instant oldActiveCommittedAt, Instant newActiveCommittedAt,
                    String reason) {
    }

    /** @param storedAt the site whose {@code replication_quarantine} took the entries, or {@code local} */
    record Saved(int added, int alreadyQuarantined, String storedAt, String refusedBecause) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final PeerDatabase peer;
    private final SiteStateService site;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicLong openEntries = new AtomicLong();

    QuarantineStore(JdbcClient jdbc, DataSource dataSource, PeerDatabase peer, SiteStateService site, JsonMapper json,
                    Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.peer = peer;
        this.site = site;
        this.json = json;
        this.clock = clock;
        Gauge.builder("hotline.quarantine.open.entries", openEntries, AtomicLong::get)
                .description("quarantined orphan changes not yet reviewed, as this site sees them").register(registry);
    }

    /** Stores at the new active (the peer), else here; entries already quarantined are skipped. */
    Saved save(List<NewEntry> entries) {
        Set<String> known = knownRefs(entries.stream().map(NewEntry::orphanRef).toList());
        List<NewEntry> fresh = entries.stream().filter(e -> !known.contains(e.orphanRef())).toList();
        if (fresh.isEmpty()) {
            return new Saved(0, entries.size(), "none needed", null);
        }
        try (Connection target = peer.open("quarantine")) {
            int added = insert(target, REPLICATED, fresh);
            refreshGauge();
            return new Saved(added, entries.size() - added, peer.peerSite(), null);
        } catch (SQLException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            log.atWarn().addKeyValue("entries", fresh.size()).addKeyValue("peerSite", peer.peerSite())
                    .log("site {} did not take {} quarantine entries ({}); kept at site {} until it does", peer.peerSite(),
                            fresh.size(), why, site.siteId());
            try (Connection local = dataSource.getConnection()) {
                int added = insert(local, LOCAL, fresh);
                refreshGauge();
                return new Saved(added, entries.size() - added, "local", why);
            } catch (SQLException inner) {
                throw new QuarantineException("could not store " + fresh.size() + " quarantine entries at site "
                        + peer.peerSite() + " (" + why + ") nor here: " + inner.getMessage(), inner);
            }
        }
    }

    /** Orphan refs already quarantined as far as this site can see: its replicated copy and its pending entries. */
    private Set<String> knownRefs(List<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        Set<String> known = new HashSet<>();
        for (String table : List.of(REPLICATED, LOCAL)) {
            known.addAll(jdbc.sql("select orphan_ref from " + table + " where orphan_ref = any(:r)")
                    .param("r", refs.toArray(String[]::new)).query(String.class).list());
        }
        return known;
    }

    private int insert(Connection connection, String table, List<NewEntry> entries) throws SQLException {
        boolean local = table.equals(LOCAL);
        connection.setAutoCommit(false);
        try (PreparedStatement p = connection.prepareStatement("insert into " + table + """
                 (id, orphan_ref, detected_at, detected_by_site, epoch, old_active_site, new_active_site, table_name,
                  row_key, kind, old_active_row, new_active_row, old_active_committed_at, new_active_committed_at,
                  reason, status""" + (local ? ", row_version" : "") + """
                 ) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 'OPEN'""" + (local ? ", 0" : "") + """
                 ) on conflict (orphan_ref) do nothing""")) {
            int added = 0;
            for (NewEntry e : entries) {
                p.setObject(1, e.id());
                p.setString(2, e.orphanRef());
                p.setTimestamp(3, Timestamp.from(e.detectedAt()));
                p.setString(4, e.detectedBySite());
                p.setLong(5, e.epoch());
                p.setString(6, e.oldActiveSite());
                p.setString(7, e.newActiveSite());
                p.setString(8, e.table());
                p.setString(9, e.rowKey());
                p.setString(10, e.kind().name());
                p.setString(11, e.oldActiveRow());
                p.setString(12, e.newActiveRow());
                p.setTimestamp(13, SqlValues.ts(e.oldActiveCommittedAt()));
                p.setTimestamp(14, SqlValues.ts(e.newActiveCommittedAt()));
                p.setString(15, e.reason());
                added += p.executeUpdate();
            }
            connection.commit();
            return added;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Moves entries kept here to the active site's {@code replication_quarantine} (this site's own when it is ACTIVE
     * now, else the peer's), reviews included. Repeating it is harmless ({@code on conflict do nothing}).
     */
    int forwardPending() {
        List<PendingRow> pending = jdbc.sql("select id, to_jsonb(q)::text from " + LOCAL + " q order by detected_at")
                .query((rs, n) -> new PendingRow(rs.getObject(1, UUID.class), rs.getString(2))).list();
        if (pending.isEmpty()) {
            return 0;
        }
        boolean toSelf = site.isActive();
        String target = toSelf ? site.siteId() : peer.peerSite();
        try (Connection connection = toSelf ? dataSource.getConnection() : peer.open("quarantine")) {
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement("""
                    insert into replication_quarantine (id, orphan_ref, detected_at, detected_by_site, epoch, old_active_site,
                        new_active_site, table_name, row_key, kind, old_active_row, new_active_row, old_active_committed_at,
                        new_active_committed_at, reason, status, reviewed_by, reviewed_at, note)
                    select id, orphan_ref, detected_at, detected_by_site, epoch, old_active_site, new_active_site, table_name,
                        row_key, kind, old_active_row, new_active_row, old_active_committed_at, new_active_committed_at, reason,
                        status, reviewed_by, reviewed_at, note
                    from jsonb_populate_record(null::replication_quarantine, ?::jsonb)
                    on conflict (orphan_ref) do nothing""")) {
                for (PendingRow row : pending) {
                    p.setString(1, row.json());
                    p.addBatch();
                }
                p.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            log.atDebug().addKeyValue("entries", pending.size()).log("pending quarantine entries not forwarded to site {}: {}",
                    target, e.toString());
            return 0;
        }
        jdbc.sql("delete from " + LOCAL + " where id = any(:ids)")
                .param("ids", pending.stream().map(PendingRow::id).toArray(UUID[]::new)).update();
        log.atInfo().addKeyValue("entries", pending.size()).addKeyValue("targetSite", target)
                .log("{} quarantine entries kept at site {} moved to site {}", pending.size(), site.siteId(), target);
        refreshGauge();
        return pending.size();
    }

    private record PendingRow(UUID id, String json) {
    }

    List<QuarantineEntry> list(QuarantineStatus status, int limit) {
        String filter = status == null ? "" : " where status = :status";
        return jdbc.sql("select * from (" + union() + ") q" + filter + " order by detected_at desc, table_name, row_key limit :limit")
                .param("status", status == null ? null : status.name()).param("limit", limit)
                .query((rs, n) -> entry(rs)).list();
    }

    Optional<QuarantineEntry> find(UUID id) {
        return jdbc.sql("select * from (" + union() + ") q where id = :id").param("id", id)
                .query((rs, n) -> entry(rs)).optional();
    }

    private static final String COLUMNS = "id, orphan_ref, detected_at, detected_by_site, epoch, old_active_site, "
            + "new_active_site, table_name, row_key, kind, old_active_row::text as old_active_row, "
            + "new_active_row::text as new_active_row, old_active_committed_at, new_active_committed_at, reason, status, "
            + "reviewed_by, reviewed_at, note";

    private static String union() {
        return "select " + COLUMNS + ", 'REPLICATED' as stored_at from " + REPLICATED
                + " union all select " + COLUMNS + ", 'LOCAL_PENDING' from " + LOCAL;
    }

    /**
     * Marks an entry reviewed. A replicated entry is changed at the active site only (this site's write guard says
     * where); an entry still kept here is changed here and carried along when it moves.
     */
    QuarantineEntry review(UUID id, String reviewer, String note) {
        QuarantineEntry entry = find(id).orElseThrow(() -> ApiException.notFound("quarantine entry " + id));
        if (entry.status() == QuarantineStatus.REVIEWED) {
            throw ApiException.conflict("quarantine entry " + id + " was already reviewed by " + entry.reviewedBy() + " at "
                    + entry.reviewedAt());
        }
        String table = entry.storedAt() == QuarantineEntry.Stored.LOCAL_PENDING ? LOCAL : REPLICATED;
        if (table.equals(REPLICATED)) {
            site.requireWritable(null);
        }
        int changed = jdbc.sql("update " + table + " set status = 'REVIEWED', reviewed_by = :by, reviewed_at = :at, note = :note "
                        + "where id = :id and status = 'OPEN'")
                .param("by", reviewer).param("at", Timestamp.from(clock.instant())).param("note", note).param("id", id)
                .update();
        if (changed == 0) {
            throw ApiException.conflict("quarantine entry " + id + " was reviewed by someone else just now; reload it");
        }
        log.atInfo().addKeyValue("table", entry.table()).addKeyValue("epoch", entry.epoch())
                .log("quarantine entry {} reviewed by {}", id, reviewer);
        refreshGauge();
        return find(id).orElseThrow();
    }

    void refreshGauge() {
        try {
            openEntries.set(jdbc.sql("select (select count(*) from " + REPLICATED + " where status = 'OPEN') + (select count(*) from "
                    + LOCAL + " where status = 'OPEN')").query(Long.class).single());
        } catch (RuntimeException e) {
            log.debug("open quarantine entries not counted: {}", e.toString());
        }
    }

    private QuarantineEntry entry(ResultSet rs) throws SQLException {
        return new QuarantineEntry(rs.getObject("id", UUID.class), rs.getString("orphan_ref"),
                SqlValues.instant(rs, "detected_at"), rs.getString("detected_by_site"), rs.getLong("epoch"),
                rs.getString("old_active_site"), rs.getString("new_active_site"), rs.getString("table_name"),
                rs.getString("row_key"), OrphanKind.valueOf(rs.getString("kind")), node(rs.getString("old_active_row")),
                node(rs.getString("new_active_row")), SqlValues.instant(rs, "old_active_committed_at"),
                SqlValues.instant(rs, "new_active_committed_at"), rs.getString("reason"),
                QuarantineStatus.valueOf(rs.getString("status")), rs.getString("reviewed_by"),
                SqlValues.instant(rs, "reviewed_at"), rs.getString("note"),
                QuarantineEntry.Stored.valueOf(rs.getString("stored_at")));
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }
}
