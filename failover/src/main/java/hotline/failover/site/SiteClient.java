package hotline.failover.site;

import java.util.OptionalLong;

/**
 * What a controller asks of one site (the app's {@code /api/site} and {@code /api/ops/*} endpoints, and the position
 * of its database's WAL). Every call has a finite timeout and throws {@link SiteUnreachableException} when the site
 * does not answer; the role changes are idempotent at the site (repeating a promotion at the same epoch is a no-op).
 */
public interface SiteClient {

    String site();

    SiteStatus status();

    ReplicationStatus replication();

    /** Stops writes; returns after writes in flight committed and later ones are blocked. */
    SiteStatus fence(String reason);

    SiteStatus unfence(String reason);

    SiteStatus promote(long epoch, String reason);

    /**
     * Promotes the site at {@code epoch} although nobody holds the lease at that epoch: ops, when the active site and
     * the lease authority are lost together. The site reports {@link SiteStatus#promotedWithoutLease()} until
     * {@link #leaseTaken}.
     */
    SiteStatus promoteWithoutLease(long epoch, String reason);

    /** Its controller took the lease at {@code epoch} for a site promoted without it. */
    SiteStatus leaseTaken(long epoch, String reason);

    SiteStatus demote(long epoch, String activeSite, String reason);

    /** Replays the journal entries of the peer not applied yet (idempotent at the site); returns its summary. */
    String replayJournal();

    /** How many journal entries of the peer a replay would still add ({@code GET /api/ops/replication/journal}). */
    int pendingJournalEntries();

    /**
     * The site database's current WAL position ({@code pg_current_wal_lsn()} as a number). Read after
     * {@link #fence}, it is the active's final position: the promotion token the standby must reach.
     */
    long currentWalPosition();

    /**
     * How far {@code standbySite}'s CDC has confirmed reading this site's WAL: the {@code confirmed_flush_lsn} of the
     * logical slot {@code hotline_to_<standbySite>} in this site's database, as a number; empty when there is no such
     * slot. The standby confirms a position only after it applied the changes and stored its offset, so this is a
     * lower bound of what it has applied.
     */
    OptionalLong confirmedFlushPosition(String standbySite);

    /**
     * Best effort: makes the peer's CDC see a change beyond this site's current WAL position now, instead of at its
     * next heartbeat, by upserting this site's row of {@code replication_heartbeat} (the statement the peer's own
     * heartbeat runs; the table is replicated and not guarded by the fence). Used right after the promotion token is
     * taken: the standby then passes the token within its CDC latency. A failure changes nothing: the heartbeat
     * still comes within a second.
     */
    default void nudgeReplication() {
    }

    /**
     * {@code POST /api/ops/seats/switch?epoch=N} at a site just promoted at {@code epoch}: the logged-in agents are
     * mapped to its seat plan (idempotent per epoch). Returns a one-line summary (seated, without a seat, duration).
     */
    default String switchSeats(long epoch) {
        return "seat switch not offered by " + describe();
    }

    /**
     * Whether this site's data equals its peer's, table by table ({@code GET /api/ops/consistency}, which re-checks
     * differences before reporting them); the answer's summary names the differing tables.
     */
    Consistency consistency(int attempts);

    /** The outcome of a consistency check: equal or not, and a one-line summary for the procedure's notes. */
    record Consistency(boolean equal, String summary) {
    }

    /** For logs and {@code ctl status}: where the site is reached. */
    default String describe() {
        return "site " + site();
    }
}
