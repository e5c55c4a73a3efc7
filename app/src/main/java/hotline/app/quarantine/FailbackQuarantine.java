package hotline.app.quarantine;

import hotline.app.quarantine.model.ScanWindow;
import hotline.app.replication.CdcStartGate;
import hotline.app.replication.PeerDatabase;
import hotline.app.replication.ReplicationException;
import hotline.app.site.SiteRoleChanged;
import hotline.app.site.SiteStateService;
import hotline.app.site.model.SiteRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The failback quarantine: a site that was ACTIVE and is STANDBY again (the old active, back after a failover, or
 * demoted in a switchover) looks for its <em>orphan changes</em> — committed here, never replicated to the new
 * active — and quarantines them for review before its resync from the new active would erase them.
 *
 * <ol>
 *   <li>While ACTIVE, each active period is recorded with its start ({@link ActivePeriods}: at promotion, at start-up,
 *       and re-checked every refresh interval).</li>
 *   <li>Found STANDBY, before its CDC starts (this is a {@link CdcStartGate}: every CDC start waits for it), the site
 *       ends its open period and scans every period not scanned yet:
 *     <ol>
 *       <li>reads from the new active: its role (it must be ACTIVE), its promotion time, and the watermark — the
 *           commit time here of the last transaction it applied from this site;</li>
 *       <li>compares table by table ({@link OrphanScanner}, rule {@link hotline.app.quarantine.model.OrphanRule}) the
 *           rows this site committed between the watermark and the end of its period, and the rows the new active
 *           held before its promotion that are gone here;</li>
 *       <li>stores every orphan ({@link QuarantineStore}: at the new active, else kept here), then marks the period
 *           scanned. Only then may CDC start — and resync.</li>
 *     </ol></li>
 *   <li>A scan that cannot run (new active unreachable or not ACTIVE, a database error) leaves the period unscanned:
 *       CDC stays FAILED with the reason and the start — with the scan — is retried after the restart back-off.</li>
 * </ol>
 *
 * <p>Invariants: CDC never writes into a site with an unscanned active period; the same orphan is stored once
 * however often the scan runs ({@code POST /api/ops/quarantine/scan} re-runs it on demand); logs carry tables,
 * counts and epochs, never row content.
 */
@Component
class FailbackQuarantine implements CdcStartGate {

    private static final Logger log = LoggerFactory.getLogger(FailbackQuarantine.class);

    /** One active period's scan, for the API, the period's record and the log. */
    record PeriodScan(long periodEpoch, Instant periodSince, Instant periodEnded, String newActiveSite,
                      long newActiveEpoch, Instant watermark, Instant windowAfter, Instant newActivePromotedAt,
                      int tablesCompared, int tablesEqual, int orphansFound, int newlyQuarantined,
                      int alreadyQuarantined, String storedAt, String refusedBecause, Map<String, Integer> orphansByTable,
                      int rowsWithUnknownCommitTime, long durationMillis, int rowsRewrittenHere) {

        String summary() {
            if (orphansFound == 0) {
                return "no orphan changes (" + tablesCompared + " tables compared, " + tablesEqual + " equal"
                        + (rowsRewrittenHere > 0 ? "; " + rowsRewrittenHere + " row(s) rewritten here with the new active's "
                        + "content under another version: a resync evens them out" : "") + ")";
            }
            if (newlyQuarantined == 0) {
                return orphansFound + " orphan change(s), all quarantined before";
            }
            return orphansFound + " orphan change(s): " + newlyQuarantined + " quarantined now"
                    + (alreadyQuarantined > 0 ? ", " + alreadyQuarantined + " before" : "")
                    + ("local".equals(storedAt) ? ", kept at this site until the active site takes them ("
                    + refusedBecause + ")" : ", stored at site " + storedAt);
        }
    }

    record ScanRun(String site, List<PeriodScan> periods, int orphansFound, int newlyQuarantined, int alreadyQuarantined) {
    }

    /** The new active as read from its own database. */
    private record NewActive(String siteId, SiteRole role, long epoch, boolean fenced, Instant promotedAt,
                             boolean tracked, Instant watermark) {
    }

    private final SiteStateService site;
    private final PeerDatabase peer;
    private final DataSource dataSource;
    private final ActivePeriods periods;
    private final OrphanScanner scanner;
    private final QuarantineStore store;
    private final Clock clock;
    private final Counter detected;

    FailbackQuarantine(SiteStateService site, PeerDatabase peer, DataSource dataSource, ActivePeriods periods,
                       OrphanScanner scanner, QuarantineStore store, Clock clock, MeterRegistry registry) {
        this.site = site;
        this.peer = peer;
        this.dataSource = dataSource;
        this.periods = periods;
        this.scanner = scanner;
        this.store = store;
        this.clock = clock;
        this.detected = Counter.builder("hotline.quarantine.detected")
                .description("orphan changes this site found and quarantined when it was demoted").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        recordActivePeriod();
        store.refreshGauge();
    }

    @EventListener
    void onRoleChange(SiteRoleChanged event) {
        if (event.current().role() == SiteRole.ACTIVE) {
            recordActivePeriod();
        }
    }

    @Scheduled(fixedDelayString = "${hotline.quarantine.refresh-interval:PT10S}")
    void refresh() {
        recordActivePeriod();
        try {
            store.forwardPending();
        } catch (RuntimeException e) {
            log.debug("forwarding pending quarantine entries failed (retried): {}", e.toString());
        }
        store.refreshGauge();
    }

    private void recordActivePeriod() {
        if (!site.isActive()) {
            return;
        }
        try {
            if (periods.recordIfActive()) {
                log.atInfo().addKeyValue("epoch", site.current().epoch())
                        .log("site {} active period at epoch {} recorded (scanned for orphan changes when it ends)",
                                site.siteId(), site.current().epoch());
            }
        } catch (RuntimeException e) {
            log.warn("active period of site {} not recorded yet (retried every refresh): {}", site.siteId(), e.toString());
        }
    }

    @Override
    public void beforeCdcStart() {
        if (!peer.configured() || site.current().role() != SiteRole.STANDBY) {
            return;
        }
        try {
            scanPeriods(false);
        } catch (ReplicationException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw new ReplicationException("CDC from site " + peer.peerSite() + " waits for the orphan scan of site "
                    + site.siteId() + "'s active period (its resync would overwrite them): " + e.getMessage(), e);
        }
    }

    /**
     * The latest ended ACTIVE period, when its scan found no orphan change and no row rewritten here under a version
     * the new active lacks: this site holds nothing the active site does not, version for version, so its CDC may
     * follow the active site's handover slot without a resync.
     */
    @Override
    public OptionalLong lastActivePeriodFullyReplicated() {
        try {
            return periods.latestEnded().filter(p -> p.scannedAt() != null && Integer.valueOf(0).equals(p.orphansFound())
                            && Integer.valueOf(0).equals(p.rowsRewritten()))
                    .map(p -> OptionalLong.of(p.epoch())).orElse(OptionalLong.empty());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code POST /api/ops/quarantine/scan}: unscanned periods, else the latest one again. */
    ScanRun scanNow() throws SQLException {
        if (!peer.configured()) {
            throw new QuarantineException("no peer site configured: there is no other site to compare with");
        }
        if (site.current().role() != SiteRole.STANDBY) {
            throw new QuarantineException("site " + site.siteId() + " is " + site.current().role() + ": the orphan scan runs "
                    + "at a site that was demoted, against the active site");
        }
        return scanPeriods(true);
    }

    private synchronized ScanRun scanPeriods(boolean rescanLatest) throws SQLException {
        periods.closeOpen();
        List<ActivePeriods.Period> toScan = new ArrayList<>(periods.unscanned());
        if (toScan.isEmpty() && rescanLatest) {
            toScan.add(periods.latestEnded().orElseThrow(() -> new QuarantineException("site " + site.siteId()
                    + " has no recorded active period: it has not been ACTIVE since it keeps records, nothing to scan")));
        }
        List<PeriodScan> done = new ArrayList<>();
        for (ActivePeriods.Period period : toScan) {
            PeriodScan scan = scan(period);
            periods.markScanned(period.epoch(), scan.summary(), scan.orphansFound(), scan.rowsRewrittenHere());
            done.add(scan);
        }
        return new ScanRun(site.siteId(), done, done.stream().mapToInt(PeriodScan::orphansFound).sum(),
                done.stream().mapToInt(PeriodScan::newlyQuarantined).sum(),
                done.stream().mapToInt(PeriodScan::alreadyQuarantined).sum());
    }

    private PeriodScan scan(ActivePeriods.Period period) throws SQLException {
        long started = System.nanoTime();
        String me = site.siteId();
        NewActive newActive;
        OrphanScanner.Outcome outcome;
        ScanWindow window;
        try (Connection here = dataSource.getConnection(); Connection there = peer.open("quarantine")) {
            readOnlySnapshot(here);
            readOnlySnapshot(there);
            newActive = readNewActive(there, me);
            if (newActive.role() != SiteRole.ACTIVE) {
                throw new QuarantineException("site " + newActive.siteId() + " is " + newActive.role() + " at epoch "
                        + newActive.epoch() + ", not ACTIVE: orphans are compared with the active site; waiting for it");
            }
            Instant after = latest(newActive.watermark(), period.since());
            window = new ScanWindow(after, period.endedAt(), newActive.promotedAt());
            boolean trackedHere = tracked(here);
            if (!trackedHere || !newActive.tracked()) {
                log.atWarn().addKeyValue("epoch", period.epoch())
                        .log("track_commit_timestamp is off at site {}: orphan changes cannot be told by commit time; "
                                + "every row that differs is reported, deletions at the old active are not detected",
                                trackedHere ? newActive.siteId() : me);
            }
            outcome = scanner.scan(here, there, window, me, trackedHere, newActive.tracked());
            here.rollback();
            there.rollback();
        }
        Instant now = clock.instant();
        List<QuarantineStore.NewEntry> entries = outcome.orphans().stream().map(f -> new QuarantineStore.NewEntry(
                UUID.randomUUID(), orphanRef(f), now, me, newActive.epoch(), me, newActive.siteId(), f.table(), f.rowKey(),
                f.verdict().kind(), f.oldActiveRow(), f.newActiveRow(), f.oldActive().committedAt(),
                f.newActive().committedAt(), f.verdict().reason())).toList();
        QuarantineStore.Saved saved = entries.isEmpty() ? new QuarantineStore.Saved(0, 0, "none needed", null)
                : store.save(entries);
        detected.increment(saved.added());
        Map<String, Integer> byTable = OrphanScanner.byTable(outcome.orphans());
        String where = "local".equals(saved.storedAt()) ? "kept at site " + me + " until the active site takes it"
                : "at site " + saved.storedAt();
        byTable.forEach((table, count) -> log.atWarn().addKeyValue("site", me).addKeyValue("epoch", newActive.epoch())
                .addKeyValue("table", table).addKeyValue("count", count)
                .log("orphan changes at old active site {} in table {}: {} (quarantined for review, {})", me, table, count,
                        where));
        int equal = (int) outcome.tables().stream().filter(OrphanScanner.TableOutcome::equal).count();
        PeriodScan scan = new PeriodScan(period.epoch(), period.since(), period.endedAt(), newActive.siteId(),
                newActive.epoch(), newActive.watermark(), window.after(), window.promotedAt(), outcome.tables().size(), equal,
                outcome.orphans().size(), saved.added(), saved.alreadyQuarantined(), saved.storedAt(),
                saved.refusedBecause(), byTable, outcome.unknownCommitTimes(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), outcome.rewrittenHere());
        log.atInfo().addKeyValue("site", me).addKeyValue("epoch", newActive.epoch()).addKeyValue("periodEpoch", period.epoch())
                .addKeyValue("count", scan.orphansFound())
                .log("orphan scan of site {}'s active period at epoch {} against site {}: {} ({} ms)", me, period.epoch(),
                        newActive.siteId(), scan.summary(), scan.durationMillis());
        return scan;
    }

    /** The same orphan gets the same reference however often it is found. */
    static String orphanRef(OrphanScanner.Found f) {
        return f.table() + "|" + f.rowKey() + "|" + (f.oldActive().present() ? "v" + f.oldActive().version()
                : "deleted@v" + f.newActive().version());
    }

    private static void readOnlySnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement s = connection.createStatement()) {
            // rows are compared as JSON text: both sides render timestamps in the same zone
            s.execute("set local time zone 'UTC'");
        }
    }

    private static boolean tracked(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("show track_commit_timestamp")) {
            rs.next();
            return "on".equals(rs.getString(1));
        }
    }

    private static NewActive readNewActive(Connection peer, String thisSite) throws SQLException {
        String siteId;
        SiteRole role;
        long epoch;
        boolean fenced;
        Instant roleChanged;
        boolean tracked;
        try (Statement s = peer.createStatement(); ResultSet rs = s.executeQuery("""
                select site_id, role, epoch, fenced, current_setting('track_commit_timestamp') = 'on',
                       least(changed_at, coalesce(case when current_setting('track_commit_timestamp') = 'on'
                                                  then pg_xact_commit_timestamp(xmin) end, changed_at))
                from site_state""")) {
            if (!rs.next()) {
                throw new QuarantineException("the peer database has no site_state: it is not a hotline site yet");
            }
            siteId = rs.getString(1);
            role = SiteRole.valueOf(rs.getString(2));
            epoch = rs.getLong(3);
            fenced = rs.getBoolean(4);
            tracked = rs.getBoolean(5);
            roleChanged = rs.getTimestamp(6).toInstant();
        }
        Instant promotedAt = roleChanged;  // the last role change; used when the period record is missing
        try (PreparedStatement p = peer.prepareStatement("select active_since from quarantine_active_period where epoch = ?")) {
            p.setLong(1, epoch);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    promotedAt = rs.getTimestamp(1).toInstant();
                }
            }
        }
        Instant watermark = null;
        try (PreparedStatement p = peer.prepareStatement(
                "select last_source_commit from quarantine_source_watermark where source_site = ?")) {
            p.setString(1, thisSite);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    Timestamp t = rs.getTimestamp(1);
                    watermark = t == null ? null : t.toInstant();
                }
            }
        }
        return new NewActive(siteId, role, epoch, fenced, promotedAt, tracked, watermark);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
