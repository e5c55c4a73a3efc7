package hotline.failover.procedure;

import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;
import hotline.failover.lease.Lease;
import hotline.failover.lease.LeaseStore;
import hotline.failover.lease.LeaseStoreUnavailableException;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.ReplicationStatus;
import hotline.failover.site.SiteClient;
import hotline.failover.site.SiteStatus;
import hotline.failover.site.SiteUnreachableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two sites, a lease and a routing switch in memory, recording every effect in {@link #effects} ("a.fence",
 * "lease b@8", …) so tests can assert the order and that nothing was done twice. Models the sites' real rules:
 * promotion needs a higher epoch (or is a no-op at the same), a fenced active accepts no writes.
 */
public final class FakeWorld {

    public final List<String> effects = new ArrayList<>();
    public final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    public final FakeSite a = new FakeSite("a", SiteRole.ACTIVE, 7, "a");
    public final FakeSite b = new FakeSite("b", SiteRole.STANDBY, 7, "a");
    public final FakeLeaseStore leases = new FakeLeaseStore();
    public final FakeRouting routing = new FakeRouting();

    public FakeWorld() {
        leases.lease = new Lease("a", 7, clock.instant(), clock.instant(), Duration.ofSeconds(10), "1");
        routing.site = "a";
        b.cdc = CdcState.STREAMING;
        b.lag = 0.1;
        b.appliedLsn = 1000L;
        a.walPosition = 1000L;
    }

    /** Site a wrote up to {@code walPosition}; site b applies it on its {@code reads}-th replication read. */
    public void activeWroteUpTo(long walPosition, int reads) {
        a.walPosition = walPosition;
        b.catchUpAfterReads = reads;
    }

    public static final class MutableClock extends Clock {
        public Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public final class FakeSite implements SiteClient {
        public final String id;
        public SiteRole role;
        public long epoch;
        public boolean fenced;
        public String activeSite;
        public CdcState cdc = CdcState.STOPPED;
        public double lag;
        public Long appliedLsn;
        public long walPosition;
        public boolean reachable = true;
        public int pendingJournal = 2;
        public boolean databaseReachable = true;
        public boolean promotedWithoutLease;
        /** How many more replication() reads until the applied position jumps to the peer's WAL position. */
        int catchUpAfterReads;
        /** The CDC state a demoted site reports (STREAMING: reverse replication starts by itself). */
        CdcState cdcAfterDemote = CdcState.STREAMING;

        FakeSite(String id, SiteRole role, long epoch, String activeSite) {
            this.id = id;
            this.role = role;
            this.epoch = epoch;
            this.activeSite = activeSite;
        }

        private void answer() {
            if (!reachable) {
                throw new SiteUnreachableException("site " + id + " does not answer (connect timed out)");
            }
        }

        @Override
        public String site() {
            return id;
        }

        @Override
        public SiteStatus status() {
            answer();
            return new SiteStatus(id, role, epoch, fenced, role == SiteRole.ACTIVE && !fenced, activeSite,
                    promotedWithoutLease);
        }

        @Override
        public ReplicationStatus replication() {
            answer();
            FakeSite source = this == a ? b : a;
            if (catchUpAfterReads > 0 && --catchUpAfterReads == 0) {
                appliedLsn = source.walPosition;
            }
            return new ReplicationStatus(cdc, lag, Optional.ofNullable(appliedLsn), 0);
        }

        @Override
        public SiteStatus fence(String reason) {
            answer();
            effects.add(id + ".fence");
            fenced = true;
            return status();
        }

        @Override
        public SiteStatus unfence(String reason) {
            answer();
            effects.add(id + ".unfence");
            fenced = false;
            return status();
        }

        @Override
        public SiteStatus promote(long newEpoch, String reason) {
            return becomeActive(newEpoch, ".promote@", false);
        }

        private SiteStatus becomeActive(long newEpoch, String effect, boolean withoutLease) {
            answer();
            if (!(role == SiteRole.ACTIVE && newEpoch == epoch) && newEpoch <= epoch) {
                throw new IllegalStateException("site " + id + ": epoch " + newEpoch + " is not above " + epoch);
            }
            effects.add(id + effect + newEpoch);
            promotedWithoutLease = withoutLease;
            role = SiteRole.ACTIVE;
            epoch = newEpoch;
            fenced = false;
            activeSite = id;
            cdc = CdcState.STOPPED;
            return status();
        }

        @Override
        public SiteStatus promoteWithoutLease(long newEpoch, String reason) {
            return becomeActive(newEpoch, ".promoteWithoutLease@", true);
        }

        @Override
        public SiteStatus leaseTaken(long atEpoch, String reason) {
            answer();
            effects.add(id + ".leaseTaken@" + atEpoch);
            promotedWithoutLease = false;
            return status();
        }

        @Override
        public SiteStatus demote(long newEpoch, String newActive, String reason) {
            answer();
            promotedWithoutLease = false;
            effects.add(id + ".demote@" + newEpoch);
            role = SiteRole.STANDBY;
            epoch = newEpoch;
            fenced = false;
            activeSite = newActive;
            cdc = cdcAfterDemote;
            return status();
        }

        /** Epochs this site switched seats for (the app's switch is idempotent per epoch). */
        public final java.util.Set<Long> seatsSwitchedAt = new java.util.TreeSet<>();

        @Override
        public String switchSeats(long forEpoch) {
            answer();
            if (seatsSwitchedAt.add(forEpoch)) {
                effects.add(id + ".seats@" + forEpoch);
            }
            return "seated 3";
        }

        /** What this site's consistency check says (equal unless a test says otherwise). */
        public boolean equalToPeer = true;

        @Override
        public Consistency consistency(int attempts) {
            answer();
            return new Consistency(equalToPeer, equalToPeer ? "equal" : "different");
        }

        @Override
        public String replayJournal() {
            answer();
            effects.add(id + ".replayJournal");
            String summary = "replayed " + pendingJournal + " entries";
            pendingJournal = 0;
            return summary;
        }

        @Override
        public int pendingJournalEntries() {
            answer();
            return pendingJournal;
        }

        /** WAL positions at which the heartbeat nudge was sent (not an effect: best effort, harmless to repeat). */
        final List<Long> nudgedAt = new ArrayList<>();

        @Override
        public void nudgeReplication() {
            nudgedAt.add(walPosition);
        }

        /** confirmed_flush_lsn of this site's slot for the peer (empty: no slot). */
        java.util.OptionalLong confirmedFlush = java.util.OptionalLong.empty();

        @Override
        public java.util.OptionalLong confirmedFlushPosition(String standbySite) {
            if (!reachable || !databaseReachable) {
                throw new SiteUnreachableException("site " + id + "'s database does not answer");
            }
            return confirmedFlush;
        }

        @Override
        public long currentWalPosition() {
            if (!reachable || !databaseReachable) {
                throw new SiteUnreachableException("site " + id + "'s database does not answer");
            }
            return walPosition;
        }
    }

    public final class FakeLeaseStore implements LeaseStore {
        public Lease lease;
        public boolean reachable = true;
        long version = 1;

        @Override
        public Optional<Lease> read() {
            if (!reachable) {
                throw new LeaseStoreUnavailableException("witness does not answer");
            }
            return Optional.ofNullable(lease);
        }

        @Override
        public Optional<Lease> compareAndSet(Lease expected, Lease next) {
            read();
            if (lease == null ? expected != null : expected == null || !lease.resourceVersion().equals(expected.resourceVersion())) {
                return Optional.empty();
            }
            Lease stored = new Lease(next.holderSite(), next.epoch(), next.acquiredAt(), next.renewedAt(),
                    next.duration(), Long.toString(++version));
            if (lease == null || !lease.holderSite().equals(stored.holderSite()) || lease.epoch() != stored.epoch()) {
                effects.add("lease " + stored.holderSite() + "@" + stored.epoch());
            }
            lease = stored;
            return Optional.of(stored);
        }

        @Override
        public String describe() {
            return "lease in memory";
        }
    }

    public final class FakeRouting implements RoutingSwitch {
        public String site;

        @Override
        public Optional<String> currentSite() {
            return Optional.ofNullable(site);
        }

        @Override
        public void routeTo(String target) {
            effects.add("route " + target);
            site = target;
        }

        @Override
        public String describe() {
            return "routing in memory";
        }
    }
}
