package hotline.app.replication;

import hotline.app.site.SiteStateService;
import hotline.app.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ops view of replication and the operations ops and the failover controller run on it. */
@RestController
class ReplicationController {

    private final SiteStateService site;
    private final CdcEngine cdc;
    private final ReplicationJournal journal;
    private final JournalReplay replay;
    private final ConsistencyCheck consistency;
    private final ReplicationProperties properties;
    private final ReplicationView view;
    private final ReplicatedTables tables;
    private final ChangeApplier applier;
    private final tools.jackson.databind.json.JsonMapper json;

    ReplicationController(ReplicatedTables tables, ChangeApplier applier, tools.jackson.databind.json.JsonMapper json,
                          SiteStateService site, CdcEngine cdc, ReplicationJournal journal, JournalReplay replay,
                          ConsistencyCheck consistency, ReplicationProperties properties, ReplicationView view) {
        this.site = site;
        this.cdc = cdc;
        this.journal = journal;
        this.replay = replay;
        this.consistency = consistency;
        this.properties = properties;
        this.view = view;
        this.tables = tables;
        this.applier = applier;
        this.json = json;
    }

    record ResyncRequest(String reason) {
    }

    /** Whichever replica answers, the CDC fields are the lead replica's (see {@link ReplicationView}). */
    @GetMapping("/api/ops/replication")
    Map<String, Object> status() {
        return view.served();
    }

    @PostMapping("/api/ops/replication/resync")
    Map<String, Object> resync(@RequestBody(required = false) ResyncRequest body, Authentication who) {
        String reason = "resync requested by " + who.getName()
                + (body == null || body.reason() == null || body.reason().isBlank() ? "" : ": " + body.reason().strip());
        cdc.resync(reason);
        return status();
    }

    record JournalRow(String table, char op, String key) {
    }

    record JournalEntryView(String key, String sourceSite, long epoch, long xid, java.time.Instant committedAt,
                            java.util.List<JournalRow> rows) {
    }

    /** What the journal holds for the peer site, oldest first: the writes a replay would add. */
    @GetMapping("/api/ops/replication/journal")
    java.util.List<JournalEntryView> journal(@RequestParam(required = false) String source) {
        String from = source == null ? properties.peerSite() : source;
        if (from == null || !from.matches("[a-z][a-z0-9]{0,7}")) {
            throw ApiException.invalid("source must be a site id; no peer site is configured");
        }
        return journal.pendingFrom(from).stream().map(e -> new JournalEntryView(e.journalKey(), e.sourceSite(), e.epoch(),
                e.xid(), e.committedAt(), e.changes().stream().map(c -> new JournalRow(c.table(), c.op(), keyOf(c))).toList()))
                .toList();
    }

    private String keyOf(RowChange change) {
        try {
            return tables.find(change.table())
                    .map(t -> applier.rowKey(t, (tools.jackson.databind.node.ObjectNode) json.readTree(change.row())))
                    .orElse("?");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    @PostMapping("/api/ops/replication/replay-journal")
    JournalReplay.Result replayJournal() {
        if (!properties.hasPeer()) {
            throw ApiException.conflict("no peer site configured: there is no journal of another site to replay");
        }
        return replay.replayFrom(properties.peerSite());
    }

    /** Only where the statistics live: every replica serves the lead replica's lag figures. */
    @PostMapping("/api/ops/replication/lag/reset")
    Map<String, Object> resetLag() {
        cdc.requireLead("reset the lag statistics");
        cdc.handler().lagWindow.reset();
        return Map.of("resetAt", Instant.now());
    }

    @GetMapping("/api/ops/consistency")
    ConsistencyCheck.Report consistency(@RequestParam(defaultValue = "5") int attempts,
                                        @RequestParam(defaultValue = "1000") long pauseMillis) {
        if (attempts < 1 || attempts > 60 || pauseMillis < 0 || pauseMillis > 10_000) {
            throw ApiException.invalid("attempts must be 1-60 and pauseMillis 0-10000");
        }
        return consistency.check(site.siteId(), attempts, Duration.ofMillis(pauseMillis));
    }

    @ExceptionHandler(ReplicationException.class)
    org.springframework.http.ResponseEntity<org.springframework.http.ProblemDetail> refused(ReplicationException e) {
        hotline.app.web.ProblemType type = e instanceof NotLeadReplicaException
                ? hotline.app.web.ProblemType.NOT_LEAD_REPLICA : hotline.app.web.ProblemType.CONFLICT;
        return org.springframework.http.ResponseEntity.status(HttpStatus.CONFLICT).body(
                hotline.app.web.ApiExceptionHandler.problem(HttpStatus.CONFLICT, type, e.getMessage()));
    }
}
