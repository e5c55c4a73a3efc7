package hotline.app.replication;

import hotline.app.replication.model.CdcState;
import hotline.app.site.LeadReplica;
import hotline.app.site.SiteRoleChanged;
import hotline.app.site.SiteStateService;
import hotline.app.site.model.SiteRole;
import hotline.app.site.model.SiteState;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standby's CDC: a Debezium embedded engine (PostgreSQL connector, pgoutput) reading the active site's
 * slot {@code hotline_to_<this site>} and handing whole source transactions to the {@link ChangeApplier}.
 *
 * <ol>
 *   <li>Runs only while this site is STANDBY of a configured peer; stops the moment the site is promoted.</li>
 *   <li>At start: verifies (creates or corrects) the publication at the source, then the slot: an offset without
 *       a slot, or a slot PostgreSQL invalidated, means changes were lost — state SLOT_LOST, resync required.</li>
 *   <li>Before any start, the {@link CdcStartGate}s run: a site that was ACTIVE has its orphan changes
 *       quarantined before the resync below would overwrite them (the failback quarantine).</li>
 *   <li>No offset, but the new active made a handover slot for this site at its promotion and this site's last
 *       ACTIVE period left nothing the new active lacks, version for version ({@link HandoverSlot}): stream from that slot, no copy.</li>
 *   <li>No offset otherwise (an empty standby, orphans) or an interrupted resync: resync — drop the slot, snapshot everything
 *       (snapshot rows replace local ones whatever their version: the source is the truth), then delete local
 *       rows the snapshot did not contain.</li>
 *   <li>A failed engine is restarted after a back-off while the site is still STANDBY.</li>
 *   <li>Only the site's {@link LeadReplica} runs the engine (one slot, one reader): the other replicas of a STANDBY
 *       stay STOPPED and say that the lead replica streams; a replica that loses the lead stops its engine within a
 *       restart back-off, and the new lead starts from the offset stored in the site's database.</li>
 * </ol>
 *
 * <p>The role-change housekeeping runs in every replica and is idempotent (clearing an offset that is gone, dropping
 * a slot only when it is not active, deleting the handover record of a STANDBY).
 */
@Component
public class CdcEngine {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final ReplicationProperties properties;
    private final SiteStateService site;
    private final ReplicatedTables tables;
    private final CdcOffsets offsets;
    private final JdbcClient jdbc;
    private final CdcBatchHandler handler;
    private final Clock clock;
    private final ReplicationJournal journal;
    private final PeerDatabase peer;
    private final List<CdcStartGate> gates;
    private final LeadReplica leadReplica;
    private final AtomicBoolean retryQueued = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdc-engine");
        t.setDaemon(true);
        return t;
    });

    private final io.micrometer.core.instrument.Counter slotLossesDetected;
    private final io.micrometer.core.instrument.Counter handoverStarts;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdc-control");
        t.setDaemon(true);
        return t;
    });
    private volatile CdcState state = CdcState.STOPPED;
    private volatile String stateReason = "not started";
    private volatile Instant failedAt;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private String engineName;
    private final List<Runnable> stateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    CdcEngine(ReplicationProperties properties, SiteStateService site, ReplicatedTables tables, CdcOffsets offsets,
              JdbcClient jdbc, ChangeApplier applier, ReplicationJournal journal, JsonMapper json, Clock clock,
              MeterRegistry registry, PeerDatabase peer, ObjectProvider<CdcStartGate> gates,
              LeadReplica leadReplica) {
        this.properties = properties;
        this.leadReplica = leadReplica;
        this.site = site;
        this.tables = tables;
        this.offsets = offsets;
        this.jdbc = jdbc;
        this.clock = clock;
        this.journal = journal;
        this.peer = peer;
        this.gates = gates.orderedStream().toList();
        this.slotLossesDetected = io.micrometer.core.instrument.Counter.builder("hotline.replication.slot.losses")
                .description("times the slot at the active site was found lost, invalidated or re-created").register(registry);
        this.handoverStarts = io.micrometer.core.instrument.Counter.builder("hotline.replication.handover.starts")
                .description("CDC starts that streamed from the active site's handover slot instead of resyncing")
                .register(registry);
        this.handler = new CdcBatchHandler(this, applier, offsets, journal, tables, jdbc, json, properties, clock, registry);
        Gauge.builder("hotline.replication.connected", this, e -> e.state == CdcState.STREAMING || e.state == CdcState.RESYNCING ? 1 : 0)
                .description("1 while the CDC engine is running against the active site").register(registry);
        for (CdcState s : CdcState.values()) {
            Gauge.builder("hotline.replication.state", this, e -> e.state == s ? 1 : 0).tag("state", s.name())
                    .description("the CDC engine's lifecycle state").register(registry);
        }
    }

    /**
     * Whether what this standby applied is a consistent prefix of the peer's history (promotable): the state says so,
     * or the engine is STARTING again after a failure with its stored offset and no resync pending — reconnecting to
     * a lost active from where it stopped, not the start of a snapshot.
     */
    public boolean consistentPrefix() {
        CdcState now = state;
        if (now.consistent()) {
            return true;
        }
        try {
            return now == CdcState.STARTING && offsets.exists(properties.peerSite()) && !resyncPending();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public CdcState state() {
        return state;
    }

    public String stateReason() {
        return stateReason;
    }

    String sourceSite() {
        return properties.peerSite();
    }

    String engineName() {
        return engineName;
    }

    String handlerSlot() {
        return properties.slotFor(site.siteId());
    }

    CdcBatchHandler handler() {
        return handler;
    }

    synchronized void moveTo(CdcState target, String reason) {
        if (state != target) {
            log.info("CDC from site {}: {} -> {} ({})", properties.peerSite(), state, target, reason);
        }
        boolean changed = state != target || !java.util.Objects.equals(reason, stateReason);
        state = state.moveTo(target);
        stateReason = reason;
        if (changed) {
            stateListeners.forEach(Runnable::run);
        }
    }

    /** {@code listener} runs on every change of state or reason, under the engine's lock: it must only hand work off. */
    void whenStateChanges(Runnable listener) {
        stateListeners.add(listener);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        housekeepingFor(site.current());
        reconcile();
    }

    /**
     * Off the caller's thread: a promotion must not wait for the engine to stop (closing Debezium takes up to a few
     * seconds, and the promotion request is inside the switchover's write pause). Safe, because a promotion comes
     * after the standby has applied everything up to the old active's fenced position.
     */
    @EventListener
    void onRoleChange(SiteRoleChanged event) {
        control.execute(() -> {
            boolean roleChanged = event.previous().role() != event.current().role();
            if (roleChanged && event.current().role() == SiteRole.ACTIVE) {
                reconcile();  // stop the engine first: its last batch must not write an offset after the clean-up
                housekeepingFor(event.current());
                return;
            }
            if (roleChanged) {
                housekeepingFor(event.current());
            }
            reconcile();
        });
    }

    /**
     * Replication state that belongs to the other role goes: an ACTIVE site forgets its CDC offset (when it is a
     * standby again it starts with a resync from the new active, never from a position of an earlier epoch); a
     * STANDBY site drops the slot the peer used to read from its database, which would otherwise keep WAL forever.
     */
    private void housekeepingFor(SiteState state) {
        if (!properties.hasPeer()) {
            return;
        }
        try {
            if (state.role() == SiteRole.ACTIVE) {
                if (offsets.exists(properties.peerSite())) {
                    offsets.clear(properties.peerSite());
                    log.info("site {} is ACTIVE: CDC offset for site {} cleared (a later standby period starts with a resync)",
                            site.siteId(), properties.peerSite());
                }
            } else {
                String stale = properties.slotFor(properties.peerSite());
                int dropped = jdbc.sql("select count(pg_drop_replication_slot(slot_name)) from pg_replication_slots "
                        + "where slot_name = :s and not active").param("s", stale).query(Integer.class).single();
                if (dropped > 0) {
                    log.info("site {} is STANDBY: dropped slot {} in its own database (the peer no longer reads here)",
                            site.siteId(), stale);
                }
                jdbc.sql("delete from replication_handover").update();  // a STANDBY has made no slot for its peer
            }
        } catch (RuntimeException e) {
            log.warn("replication housekeeping after the role change failed (retried at the next change): {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${hotline.replication.journal-release-interval:PT60S}")
    void releaseJournal() {
        java.time.Instant appliedUpTo = handler.lastSourceCommit();
        if (state == CdcState.STREAMING && appliedUpTo != null) {
            journal.releaseCommittedBefore(properties.peerSite(), appliedUpTo);
        }
    }

    /**
     * On the control thread, like role changes: a start may first run a gate's work (the failback quarantine's
     * orphan scan), which must not hold up the scheduler that also refreshes the site's role.
     */
    @Scheduled(fixedDelayString = "${hotline.replication.restart-backoff:PT2S}")
    void retry() {
        boolean standby = standbyOfPeer();
        boolean run = standby && leadReplica.isLead();
        boolean follow = run ? state == CdcState.FAILED || state == CdcState.STOPPED
                : engine != null || standby && !followingLead();
        if (follow && retryQueued.compareAndSet(false, true)) {
            control.execute(() -> {
                retryQueued.set(false);
                reconcile();
            });
        }
    }

    private boolean standbyOfPeer() {
        SiteState s = site.current();
        return properties.hasPeer() && s.role() == SiteRole.STANDBY && properties.peerSite().equals(s.activeSite());
    }

    private boolean shouldRun() {
        return standbyOfPeer() && leadReplica.isLead();
    }

    /** Whether this replica is STANDBY without the lead: another replica of the site runs the engine. */
    public boolean followingLead() {
        return state == CdcState.STOPPED && notLeadReason().equals(stateReason);
    }

    private String notLeadReason() {
        return "another replica of site " + site.siteId() + " streams from site " + properties.peerSite()
                + " (the lead replica; this one is " + leadReplica.replica() + ")";
    }

    /**
     * Refuses what only the lead replica may do (resync): the engine, its offset and the slot belong to the lead.
     */
    void requireLead(String what) {
        if (!leadReplica.isLead()) {
            throw new NotLeadReplicaException("replica " + leadReplica.replica() + " of site " + site.siteId()
                    + " is not its lead replica and runs no CDC engine: " + what + " at the lead replica"
                    + leadReplica.holder().map(h -> " (" + h + ")").orElse("")
                    + ", the one whose /actuator/health shows site.leadReplica true or that exports hotline_site_lead_replica 1");
        }
    }

    /** Starts or stops the engine to match the site's role and whether this replica is the lead. */
    public synchronized void reconcile() {
        boolean standby = standbyOfPeer();
        boolean run = standby && leadReplica.isLead();
        if (!run && engine != null) {
            String why = standby ? notLeadReason() : "site is " + site.current().role();
            stopEngine(standby ? "this replica lost the lead of site " + site.siteId() : "site " + site.siteId() + " is "
                    + site.current().role());
            moveTo(CdcState.STOPPED, why);
        } else if (standby && !run) {
            if (!followingLead()) {
                moveTo(CdcState.STOPPED, notLeadReason());
            }
        } else if (run && engine == null && state != CdcState.SLOT_LOST) {
            if (state == CdcState.FAILED && failedAt != null
                    && failedAt.plus(properties.restartBackoff()).isAfter(clock.instant())) {
                return;
            }
            try {
                start();
            } catch (RuntimeException | SQLException e) {
                failedAt = clock.instant();
                moveTo(CdcState.FAILED, "could not start: " + e.getMessage());
            }
        }
    }

    /**
     * Re-copies everything from the active site and removes local rows that no longer exist there, leaving this
     * standby exactly equal. Used after a lost slot and for the initial sync.
     */
    public synchronized void resync(String reason) {
        if (!properties.hasPeer()) {
            throw new ReplicationException("no peer site configured (hotline.replication.peer-site): nothing to resync from");
        }
        if (site.current().role() != SiteRole.STANDBY) {
            throw new ReplicationException("site " + site.siteId() + " is " + site.current().role()
                    + ": only a STANDBY can be resynced from the active site (demote it first)");
        }
        requireLead("call the resync");
        log.warn("resync from site {} requested: {}", properties.peerSite(), reason);
        stopEngine("resync");
        markResync(reason);
        moveTo(CdcState.RESYNCING, reason);
        try {
            start();
        } catch (RuntimeException | SQLException e) {
            failedAt = clock.instant();
            moveTo(CdcState.FAILED, "resync could not start: " + e.getMessage());
            throw new ReplicationException("resync could not start: " + e.getMessage(), e);
        }
    }

    private void markResync(String reason) {
        jdbc.sql("""
                        insert into replication_resync (source_site, started_at, reason) values (:s, now(), :r)
                        on conflict (source_site) do update set started_at = now(), reason = excluded.reason""")
                .param("s", properties.peerSite()).param("r", reason).update();
        offsets.clear(properties.peerSite());
    }

    boolean resyncPending() {
        return jdbc.sql("select count(*) from replication_resync where source_site = :s").param("s", properties.peerSite())
                .query(Long.class).single() > 0;
    }

    void resyncFinished() {
        jdbc.sql("delete from replication_resync where source_site = :s").param("s", properties.peerSite()).update();
    }

    private void start() throws SQLException {
        if (state != CdcState.RESYNCING) {
            moveTo(CdcState.STARTING, "connecting to site " + properties.peerSite());
        }
        for (CdcStartGate gate : gates) {
            gate.beforeCdcStart();
        }
        String slot = properties.slotFor(site.siteId());
        List<String> replicated = tables.all().keySet().stream().sorted().toList();
        boolean resync;
        boolean fromHandover = false;
        try (Connection source = sourceConnection()) {
            ensurePublication(source, properties.publication(), replicated, "site " + properties.peerSite());
            SlotStatus slotStatus = SlotStatus.read(source, slot);
            boolean hasOffset = offsets.exists(properties.peerSite());
            boolean pending = resyncPending();
            resync = pending || !hasOffset;
            if (!hasOffset && !pending) {
                HandoverSlot.Verdict verdict = HandoverSlot.check(source, slot, site.current(), cleanActivePeriod());
                if (verdict.usable()) {
                    fromHandover = true;
                    resync = false;
                    handoverStarts.increment();
                    log.info("CDC from site {} starts from the handover slot, no resync: {}", properties.peerSite(),
                            verdict.why());
                } else {
                    log.info("CDC from site {} needs a resync: {}", properties.peerSite(), verdict.why());
                }
            }
            Long appliedLsn = offsets.position(properties.peerSite()).map(CdcOffsets.Position::lsn).orElse(null);
            if (!resync && (!slotStatus.exists() || slotStatus.lost() || slotStatus.recreatedAfter(appliedLsn))) {
                String why = !slotStatus.exists() ? "slot " + slot + " does not exist at site " + properties.peerSite()
                        + " although this standby has an offset"
                        : slotStatus.lost() ? "slot " + slot + " was invalidated (" + slotStatus.detail() + ")"
                        : "slot " + slot + " was re-created past this standby's position";
                slotLossesDetected.increment();
                moveTo(CdcState.SLOT_LOST, why + ": changes since the last applied transaction are gone");
                if (properties.autoResync()) {
                    markResync(why);
                    resync = true;
                } else {
                    return;
                }
            }
            if (resync) {
                if (!resyncPending()) {
                    markResync(hasOffset ? "resync" : "initial sync of an empty standby");
                }
                dropSlot(source, slot);
            }
        }
        if (resync && state != CdcState.RESYNCING) {
            moveTo(CdcState.RESYNCING, "copying site " + properties.peerSite());
        }
        handler.beginRun(resync);
        engineName = "hotline-cdc-" + site.siteId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TransactionalOffsetStore.register(engineName, () -> offsets.committedValue(properties.peerSite()));
        // no offset and no snapshot: Debezium streams from the slot's own first position
        Properties config = engineConfiguration(slot, replicated, fromHandover ? "no_data" : "initial");
        DebeziumEngine<RecordChangeEvent<SourceRecord>> created = DebeziumEngine.create(io.debezium.engine.format.ChangeEventFormat.of(Connect.class))
                .using(config)
                .notifying(handler)
                .using(new DebeziumEngine.CompletionCallback() {
                    @Override
                    public void handle(boolean success, String message, Throwable error) {
                        engineCompleted(success, message, error);
                    }
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        if (state == CdcState.STARTING) {
                            moveTo(CdcState.STREAMING, "streaming from slot " + slot);
                        }
                    }
                })
                .build();
        engine = created;
        executor.execute(created);
        log.info("CDC engine {} started: slot {} at site {}, {} tables{}", engineName, slot, properties.peerSite(),
                replicated.size(), resync ? " (resync: snapshot first)" : "");
    }

    private synchronized void engineCompleted(boolean success, String message, Throwable error) {
        if (engine == null) {
            return;  // stopped on purpose
        }
        engine = null;
        TransactionalOffsetStore.unregister(engineName);
        failedAt = clock.instant();
        String why = error != null ? error.getMessage() : message;
        log.error("CDC engine stopped unexpectedly: {}", why, error);
        if (state != CdcState.SLOT_LOST) {
            moveTo(CdcState.FAILED, "engine stopped: " + why);
        }
    }

    private void stopEngine(String why) {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
        engine = null;
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                // a failed engine refuses to close twice ("Engine has been already shut down"): nothing left to stop
                log.debug("closing CDC engine: {}", e.toString());
            }
            TransactionalOffsetStore.unregister(engineName);
            log.info("CDC engine {} stopped ({})", engineName, why);
        }
    }

    /** Called by the handler when the copy is complete and local leftovers are removed. */
    void resyncCompleted() {
        resyncFinished();
        moveTo(CdcState.STREAMING, "resync complete, streaming");
    }

    void markStreaming() {
        if (state == CdcState.STARTING) {
            moveTo(CdcState.STREAMING, "streaming");
        }
    }

    void slotLost(String why) {
        synchronized (this) {
            if (state == CdcState.SLOT_LOST || state == CdcState.RESYNCING) {
                return;
            }
            stopEngine("slot lost");
            slotLossesDetected.increment();
            moveTo(CdcState.SLOT_LOST, why);
        }
        if (properties.autoResync()) {
            try {
                resync(why);
            } catch (RuntimeException e) {
                log.error("automatic resync after a lost slot failed: {}", e.getMessage());
            }
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        control.shutdownNow();
        stopEngine("application shutting down");
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Connection sourceConnection() throws SQLException {
        return peer.open("replication");
    }

    /** The epoch of this site's last ACTIVE period, if a start gate found nothing unreplicated in it. */
    private OptionalLong cleanActivePeriod() {
        for (CdcStartGate gate : gates) {
            OptionalLong clean = gate.lastActivePeriodFullyReplicated();
            if (clean.isPresent()) {
                return clean;
            }
        }
        return OptionalLong.empty();
    }

    /** Creates or corrects {@code publication} in {@code source}'s database to exactly the replicated tables. */
    static void ensurePublication(Connection source, String publication, List<String> replicated, String where)
            throws SQLException {
        Set<String> atSource = new TreeSet<>();
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("select tablename from pg_publication_tables where pubname = '"
                     + publication + "'")) {
            while (rs.next()) {
                atSource.add(rs.getString(1));
            }
        }
        boolean exists;
        try (PreparedStatement p = source.prepareStatement("select count(*) from pg_publication where pubname = ?")) {
            p.setString(1, publication);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                exists = rs.getLong(1) > 0;
            }
        }
        String list = replicated.stream().map(ReplicatedTables::quote).collect(Collectors.joining(", "));
        if (!exists) {
            try (Statement s = source.createStatement()) {
                s.execute("create publication " + publication + " for table " + list);
            }
            log.info("created publication {} at {} for {} tables", publication, where, replicated.size());
        } else if (!atSource.equals(new TreeSet<>(replicated))) {
            try (Statement s = source.createStatement()) {
                s.execute("alter publication " + publication + " set table " + list);
            }
            log.info("publication {} at {} corrected to {} tables (was {})", publication, where, replicated.size(),
                    atSource.size());
        }
    }

    private void dropSlot(Connection source, String slot) throws SQLException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (PreparedStatement p = source.prepareStatement(
                    "select active_pid from pg_replication_slots where slot_name = ?")) {
                p.setString(1, slot);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    Object pid = rs.getObject(1);
                    if (pid != null) {
                        // our own engine's walsender from before the resync may not have noticed yet
                        try (PreparedStatement kill = source.prepareStatement("select pg_terminate_backend(?)")) {
                            kill.setInt(1, ((Number) pid).intValue());
                            kill.execute();
                        }
                        sleep(100);
                        continue;
                    }
                }
            }
            try (PreparedStatement p = source.prepareStatement("select pg_drop_replication_slot(?)")) {
                p.setString(1, slot);
                p.execute();
                log.info("dropped slot {} at site {} for the resync", slot, properties.peerSite());
                return;
            } catch (SQLException e) {
                sleep(100);
            }
        }
        throw new ReplicationException("could not drop slot " + slot + " at site " + properties.peerSite());
    }

    private Properties engineConfiguration(String slot, List<String> replicated, String snapshotMode) {
        URI uri = URI.create(properties.peerJdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath().replaceFirst("^/", "");
        Properties p = new Properties();
        p.setProperty("name", engineName);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", TransactionalOffsetStore.class.getName());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("topic.prefix", "hotline");
        p.setProperty("database.hostname", uri.getHost());
        p.setProperty("database.port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        p.setProperty("database.user", properties.peerUsername());
        p.setProperty("database.password", properties.peerPassword() == null ? "" : properties.peerPassword());
        p.setProperty("database.dbname", database);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("slot.failover", "true");  // PostgreSQL 17+: the slot survives a failover of the source cluster
        p.setProperty("publication.name", properties.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", replicated.stream().map(t -> "public\\." + t).collect(Collectors.joining(",")));
        p.setProperty("snapshot.mode", snapshotMode);
        p.setProperty("poll.interval.ms", Long.toString(properties.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(properties.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(properties.maxBatchSize() * 4));
        p.setProperty("heartbeat.interval.ms", Long.toString(properties.heartbeatInterval().toMillis()));
        p.setProperty("heartbeat.action.query", "insert into " + ReplicatedTables.HEARTBEAT_TABLE
                + " (site_id, beat_at) values ('" + properties.peerSite() + "', now()) "
                + "on conflict (site_id) do update set beat_at = excluded.beat_at");
        p.setProperty("provide.transaction.metadata", "true");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("binary.handling.mode", "hex");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("hstore.handling.mode", "json");
        p.setProperty("include.unknown.datatypes", "true");
        p.setProperty("status.update.interval.ms", "1000");
        p.setProperty("retriable.restart.connector.wait.ms", "1000");
        p.setProperty("errors.max.retries", "-1");
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The slot as the source sees it. */
    record SlotStatus(boolean exists, boolean active, String walStatus, String invalidation, Long walBehind, Long walRetained,
                      Long confirmedFlush) {

        boolean lost() {
            return "lost".equals(walStatus) || invalidation != null;
        }

        /**
         * The slot confirms a position this standby never applied: it is not the slot we read from but a new one
         * (dropped and re-created, e.g. by the connector after a loss), and the changes in between are gone.
         */
        boolean recreatedAfter(Long lastAppliedLsn) {
            return exists && confirmedFlush != null && lastAppliedLsn != null && confirmedFlush > lastAppliedLsn;
        }

        String detail() {
            return "wal_status=" + walStatus + (invalidation == null ? "" : ", invalidation_reason=" + invalidation);
        }

        static SlotStatus read(Connection source, String slot) throws SQLException {
            try (PreparedStatement p = source.prepareStatement("""
                    select s.active, s.wal_status, to_jsonb(s) ->> 'invalidation_reason',
                           pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint,
                           pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint,
                           pg_wal_lsn_diff(s.confirmed_flush_lsn, '0/0')::bigint
                    from pg_replication_slots s where s.slot_name = ?""")) {
                p.setString(1, slot);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return new SlotStatus(false, false, null, null, null, null, null);
                    }
                    return new SlotStatus(true, rs.getBoolean(1), rs.getString(2), rs.getString(3),
                            (Long) rs.getObject(4), (Long) rs.getObject(5), (Long) rs.getObject(6));
                }
            }
        }
    }

    List<String> replicatedTableNames() {
        return new ArrayList<>(tables.all().keySet());
    }
}
