package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.DrillKind;
import hotline.app.drill.model.DrillResult;
import hotline.app.drill.model.EvidenceChain;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

/**
 * The {@code drill_evidence} table: an append-only hash chain.
 *
 * <p>An append runs in one transaction: take the chain-head lock (a transaction-scoped advisory lock: it also
 * covers the empty chain, where there is no row to lock), read the head, compute the new record's hash from the
 * head's, insert it as head + 1. Two concurrent appends therefore queue on the lock and the second links to the
 * first; the unique {@code previous_hash} would turn any append that bypassed the lock into an error, never a fork.
 */
@Repository
class DrillEvidenceStore {

    /** The chain-head lock; appends at this site queue on it. */
    static final String CHAIN_LOCK = "hotline.drill_evidence.chain";

    /** What an append did: a new record, or the same evidence that was already there (a retried POST). */
    record Appended(ChainedEvidence record, boolean created) {
    }

    /** The same id was appended before with other content. */
    static final class DifferentContentException extends RuntimeException {
        DifferentContentException(UUID id, long seq) {
            super("drill evidence " + id + " is already recorded (record #" + seq + ") with different content; "
                    + "evidence is never changed: record the new run under a new id");
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DrillEvidenceStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    Appended append(DrillEvidence evidence, String recordedBy, String site, Instant now) {
        String canonical = EvidenceJson.canonical(evidence);
        return transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(CHAIN_LOCK).query().singleRow();
            Optional<ChainedEvidence> existing = find(evidence.id());
            if (existing.isPresent()) {
                if (!existing.get().canonicalJson().equals(canonical)) {
                    throw new DifferentContentException(evidence.id(), existing.get().seq());
                }
                return new Appended(existing.get(), false);
            }
            record Head(long seq, String hash) {
            }
            Head head = jdbc.sql("select seq, hash from drill_evidence order by seq desc limit 1")
                    .query((rs, i) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                    .optional().orElse(new Head(0, EvidenceChain.GENESIS));
            String hash = EvidenceChain.hash(head.hash(), canonical);
            DrillEvidence e = evidence.normalized();
            Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS);
            jdbc.sql("""
                            insert into drill_evidence (id, seq, kind, result, started_at, finished_at, content,
                                                        previous_hash, hash, recorded_at, recorded_by, recorded_site)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(e.id(), head.seq() + 1, e.kind().name(), e.result().name(), ts(e.startedAt()),
                            ts(e.finishedAt()), canonical, head.hash(), hash, ts(recordedAt), recordedBy, site)
                    .update();
            return new Appended(new ChainedEvidence(head.seq() + 1, e, canonical, head.hash(), hash, recordedAt,
                    recordedBy, site), true);
        });
    }

    Optional<ChainedEvidence> find(UUID id) {
        return jdbc.sql("select * from drill_evidence where id = ?").param(id).query(DrillEvidenceStore::row).optional();
    }

    /** Newest first. */
    List<ChainedEvidence> page(int offset, int limit) {
        return jdbc.sql("select * from drill_evidence order by seq desc offset ? limit ?").params(offset, limit)
                .query(DrillEvidenceStore::row).list();
    }

    long count() {
        return jdbc.sql("select count(*) from drill_evidence").query(Long.class).single();
    }

    /** The newest {@code limit} records, newest first: what the metrics are read from. */
    List<ChainedEvidence> latest(int limit) {
        return page(0, limit);
    }

    /** Per kind, when its last PASSED drill finished. */
    Map<DrillKind, Instant> lastSuccess() {
        Map<DrillKind, Instant> result = new java.util.EnumMap<>(DrillKind.class);
        jdbc.sql("select kind, max(finished_at) as at from drill_evidence where result = ? group by kind")
                .param(DrillResult.PASSED.name())
                .query((rs, i) -> result.put(DrillKind.valueOf(rs.getString("kind")), instant(rs, "at"))).list();
        return result;
    }

    /**
     * Walks the whole chain (weekly drills: a few hundred records in years). Beyond hash and link, each record's
     * text must still be canonical and its summary columns must agree with it, so nobody can make the list say
     * PASSED where the evidence says FAILED.
     */
    EvidenceChain.Verification verify() {
        record Summary(String kind, String result, Instant startedAt, Instant finishedAt) {
        }
        Map<Long, Summary> summaries = new java.util.HashMap<>();
        List<EvidenceChain.Link> links = jdbc.sql(
                        "select seq, id, previous_hash, hash, content, kind, result, started_at, finished_at "
                                + "from drill_evidence order by seq")
                .query((rs, i) -> {
                    summaries.put(rs.getLong("seq"), new Summary(rs.getString("kind"), rs.getString("result"),
                            instant(rs, "started_at"), instant(rs, "finished_at")));
                    return new EvidenceChain.Link(rs.getLong("seq"), rs.getObject("id", UUID.class),
                            rs.getString("previous_hash"), rs.getString("hash"), rs.getString("content"));
                }).list();
        return EvidenceChain.verify(links, link -> {
            DrillEvidence e;
            try {
                e = EvidenceJson.parse(link.canonicalJson());
            } catch (RuntimeException unreadable) {
                return Optional.of("its content is not drill evidence: " + unreadable.getMessage());
            }
            if (!EvidenceJson.canonical(e).equals(link.canonicalJson())) {
                return Optional.of("its content is not in canonical form");
            }
            Summary s = summaries.get(link.seq());
            if (!link.id().equals(e.id()) || !s.kind().equals(e.kind().name()) || !s.result().equals(e.result().name())
                    || !s.startedAt().equals(e.startedAt()) || !s.finishedAt().equals(e.finishedAt())) {
                return Optional.of("its id, kind, result or times in the table differ from its content");
            }
            return Optional.empty();
        });
    }

    /** A stored record whose content no longer reads as evidence: somebody changed it (the chain says where). */
    static final class CorruptEvidenceException extends RuntimeException {
        CorruptEvidenceException(long seq, RuntimeException cause) {
            super("drill evidence record #" + seq + " cannot be read: its stored content was changed or damaged; "
                    + "GET /api/ops/drills/chain shows where the chain breaks", cause);
        }
    }

    private static ChainedEvidence row(ResultSet rs, int i) throws SQLException {
        String content = rs.getString("content");
        DrillEvidence evidence;
        try {
            evidence = EvidenceJson.parse(content);
        } catch (RuntimeException e) {
            throw new CorruptEvidenceException(rs.getLong("seq"), e);
        }
        return new ChainedEvidence(rs.getLong("seq"), evidence, content, rs.getString("previous_hash"),
                rs.getString("hash"), instant(rs, "recorded_at"), rs.getString("recorded_by"), rs.getString("recorded_site"));
    }
}
