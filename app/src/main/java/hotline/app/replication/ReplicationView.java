package hotline.app.replication;

import hotline.app.site.LeadReplica;
import hotline.app.site.PeerView;
import hotline.app.site.SiteStateService;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code GET /api/ops/replication} answers, whichever replica of the site the request reaches (the site's
 * Service picks any). Only the lead replica runs the CDC engine, so only its engine fields are true:
 *
 * <ol>
 *   <li>The lead replica answers its own view. It publishes that view into the site-local {@code replication_lead_view}
 *       every {@code lead-view-interval} (1 s) and at every CDC state change, one upsert on its own thread; the database
 *       keeps it only while the lead's lock session holds the lock ({@link LeadViewStore#publish}).</li>
 *   <li>Any other replica answers the lead's last published engine fields (state, reason, lag, slot) with
 *       {@code viewFrom} (the lead replica) and {@code viewAgeSeconds} (on the database's clock). Its own fields (site,
 *       role, epoch, who serves it) and the site-wide ones are read live: the applied position from the site's
 *       database, journal depth and grid membership from the grid that every replica is a member of.</li>
 *   <li>No published view, one older than {@code lead-view-max-age} (5 s), or no database to read it from: the engine
 *       fields are {@code cdcState UNKNOWN} with the reason and {@code consistentPrefix false} — the failover
 *       controller treats UNKNOWN as neither streaming nor promotable, so it waits for a lead to report.</li>
 * </ol>
 *
 * <p>Invariant: no replica other than the lead ever reports an engine state of its own; a replica's own gauges and
 * health stay per replica.
 */
@Component
class ReplicationView {

    private static final Logger log = LoggerFactory.getLogger(ReplicationView.class);

    /** The fields only the replica running the engine knows, in the order they are served. */
    static final List<String> ENGINE_FIELDS = List.of("cdcState", "cdcReason", "consistentPrefix", "lagSeconds",
            "lagSamples", "lagP50Millis", "lagP99Millis", "lagMaxMillis", "lastSourceCommit", "lastAppliedAt", "slot",
            "slotCheckError");
    /** What the other replicas answer when the lead's view is missing or stale (not an engine state). */
    static final String UNKNOWN = "UNKNOWN";

    private final SiteStateService site;
    private final CdcEngine cdc;
    private final SlotMonitor slot;
    private final ReplicationJournal journal;
    private final CdcOffsets offsets;
    private final ReplicationProperties properties;
    private final PeerView peers;
    private final LeadReplica lead;
    private final LeadViewStore store;
    private final JsonMapper json;
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lead-view");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean publishFailing;

    ReplicationView(SiteStateService site, CdcEngine cdc, SlotMonitor slot, ReplicationJournal journal, CdcOffsets offsets,
                    ReplicationProperties properties, PeerView peers, LeadReplica lead, LeadViewStore store,
                    JsonMapper json) {
        this.site = site;
        this.cdc = cdc;
        this.slot = slot;
        this.journal = journal;
        this.offsets = offsets;
        this.properties = properties;
        this.peers = peers;
        this.lead = lead;
        this.store = store;
        this.json = json;
        cdc.whenStateChanges(this::queuePublish);
    }

    /** The answer of {@code GET /api/ops/replication} at this replica. */
    Map<String, Object> served() {
        boolean isLead = lead.wasLead();
        Map<String, Object> view = header(isLead);
        if (isLead) {
            view.put("viewFrom", lead.replica());
            view.put("viewAgeSeconds", 0.0);
            view.putAll(engineFields());
        } else {
            view.putAll(leadEngineFields());
        }
        if (properties.hasPeer()) {
            offsets.position(properties.peerSite()).ifPresent(p -> {
                view.put("lastAppliedLsn", p.lsn());
                view.put("lastAppliedSourceTx", p.sourceTx());
            });
        }
        view.put("journalDepth", journal.depth());
        view.put("protected", peers.protectedByPeer());
        view.put("presentSites", peers.presentSites());
        return view;
    }

    private Map<String, Object> header(boolean isLead) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("site", site.siteId());
        view.put("role", site.current().role().name());
        view.put("epoch", site.current().epoch());
        view.put("peerSite", properties.peerSite());
        view.put("replica", lead.replica());
        view.put("leadReplica", isLead);
        view.put("servedBy", lead.replica());
        return view;
    }

    private Map<String, Object> engineFields() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cdcState", cdc.state().name());
        view.put("cdcReason", cdc.stateReason());
        view.put("consistentPrefix", cdc.consistentPrefix());
        view.put("lagSeconds", cdc.handler().lag().toNanos() / 1e9);
        long[] lag = cdc.handler().lagWindow.summary();
        view.put("lagSamples", lag[0]);
        view.put("lagP50Millis", lag[1] / 1e6);
        view.put("lagP99Millis", lag[2] / 1e6);
        view.put("lagMaxMillis", lag[3] / 1e6);
        view.put("lastSourceCommit", cdc.handler().lastSourceCommit());
        view.put("lastAppliedAt", cdc.handler().lastAppliedAt());
        CdcEngine.SlotStatus s = slot.last();
        if (s != null) {
            Map<String, Object> slotView = new LinkedHashMap<>();
            slotView.put("name", properties.slotFor(site.siteId()));
            slotView.put("exists", s.exists());
            slotView.put("active", s.active());
            slotView.put("walStatus", s.walStatus());
            slotView.put("invalidationReason", s.invalidation());
            slotView.put("walBehindBytes", s.walBehind());
            slotView.put("walRetainedBytes", s.walRetained());
            slotView.put("walGrowing", slot.walGrowing());
            slotView.put("checkedAt", slot.checkedAt());
            view.put("slot", slotView);
        }
        if (slot.error() != null) {
            view.put("slotCheckError", slot.error());
        }
        return view;
    }

    private Map<String, Object> leadEngineFields() {
        Optional<LeadViewStore.Published> published;
        try {
            published = store.read(site.siteId());
        } catch (RuntimeException e) {
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("cdcState", UNKNOWN);
            unknown.put("cdcReason", "cannot read the lead replica's view of site " + site.siteId() + " from the site's "
                    + "database: " + e.getMessage());
            unknown.put("consistentPrefix", false);
            return unknown;
        }
        return fromLead(published, properties.leadViewMaxAge(), site.siteId(), json);
    }

    /**
     * The engine fields a replica without the lead serves: the lead's published ones while they are fresh, else
     * {@code UNKNOWN} and why, with {@code viewFrom} and {@code viewAgeSeconds} whenever a view was published.
     */
    static Map<String, Object> fromLead(Optional<LeadViewStore.Published> published, Duration maxAge, String siteId,
                                        JsonMapper json) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (published.isEmpty()) {
            view.put("cdcState", UNKNOWN);
            view.put("cdcReason", "no lead replica of site " + siteId + " has reported a replication view");
            view.put("consistentPrefix", false);
            return view;
        }
        LeadViewStore.Published p = published.get();
        double age = Math.max(0, Math.round(p.ageSeconds() * 1000) / 1000.0);
        view.put("viewFrom", p.replica());
        view.put("viewAgeSeconds", age);
        @SuppressWarnings("unchecked")
        Map<String, Object> lead = json.readValue(p.view(), LinkedHashMap.class);
        if (age > maxAge.toMillis() / 1000.0) {
            view.put("cdcState", UNKNOWN);
            view.put("cdcReason", String.format(Locale.ROOT, "no lead replica of site %s has reported for %.1f s (the last "
                    + "view, from %s, said %s; a view older than %s s is not served)", siteId, age, p.replica(),
                    lead.get("cdcState"), maxAge.toMillis() / 1000.0));
            view.put("consistentPrefix", false);
            return view;
        }
        for (String field : ENGINE_FIELDS) {
            if (lead.get(field) != null) {
                view.put(field, lead.get(field));
            }
        }
        return view;
    }

    /** The view the lead publishes: what it serves, without the fields every replica reads live. */
    Map<String, Object> publishedView() {
        Map<String, Object> view = header(true);
        view.putAll(engineFields());
        return view;
    }

    @Scheduled(fixedDelayString = "${hotline.replication.lead-view-interval:PT1S}")
    void tick() {
        if (lead.wasLead()) {
            queuePublish();
        }
    }

    /** Off the caller's thread (the engine's, the scheduler's): one upsert, coalesced when several are queued. */
    private void queuePublish() {
        if (publishQueued.compareAndSet(false, true)) {
            try {
                publisher.execute(() -> {
                    publishQueued.set(false);
                    publish();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                publishQueued.set(false);  // shutting down
            }
        }
    }

    void publish() {
        if (!lead.wasLead()) {
            return;
        }
        try {
            boolean stored = store.publish(site.siteId(), lead.replica(), lead.sessionName(),
                    json.writeValueAsString(publishedView()));
            if (!stored) {
                log.debug("replication view of replica {} not stored: its lock session no longer holds the lead of site {}",
                        lead.replica(), site.siteId());
            }
            if (publishFailing) {
                publishFailing = false;
                log.info("lead replica {} publishes its replication view again", lead.replica());
            }
        } catch (RuntimeException e) {
            if (!publishFailing) {
                publishFailing = true;
                log.warn("lead replica {} cannot publish its replication view (the other replicas of site {} will answer "
                        + "cdcState UNKNOWN after {}): {}", lead.replica(), site.siteId(), properties.leadViewMaxAge(),
                        e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        publisher.shutdownNow();
    }
}
