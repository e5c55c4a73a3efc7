package hotline.app.replication;

import hotline.app.site.PromotionPreparation;
import hotline.app.site.model.SiteRole;
import hotline.app.site.model.SiteState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The handover slot: what lets a demoted site follow the new active site without copying everything again.
 *
 * <p>A standby being promoted has everything the old active committed (a switchover waited for the old active's
 * final position; a failover drained and replayed the journal). Just before its promotion commits — while it
 * still refuses writes — it creates the slot the old active will read from ({@code hotline_to_<old active>}) in
 * its own database and records it in {@code replication_handover} with the epochs it was promoted from and to.
 * Every write it takes as ACTIVE is after the slot's first position.
 *
 * <p>When the old active comes back as STANDBY with no CDC offset, it streams from that slot instead of resyncing
 * if, and only if, all of this holds (otherwise it resyncs, as before):
 * <ul>
 *   <li>the failback quarantine scanned its last ACTIVE period and found no orphan change and no row rewritten
 *       there under a version the new active lacks (a seed that wrote identical values at start-up is no orphan, but
 *       its versions would make the sites differ for good): it has nothing the new active lacks, version for
 *       version;</li>
 *   <li>the slot was created at the promotion to this site's current epoch, by a site that had followed this site
 *       as its standby at exactly that last ACTIVE period's epoch: the new active has nothing this site lacks from
 *       before the slot;</li>
 *   <li>the slot is still there, unused, not invalidated, at its first position.</li>
 * </ul>
 * A planned switchover therefore costs the demoted site no copy at all, however large the database.
 */
@Component
class HandoverSlot implements PromotionPreparation {

    private static final Logger log = LoggerFactory.getLogger(HandoverSlot.class);

    /** Whether a demoted site may stream from the handover slot, and why (for the log). */
    record Verdict(boolean usable, String why) {
    }

    private final DataSource dataSource;
    private final ReplicationProperties properties;
    private final ReplicatedTables tables;
    private final Counter created;
    private final Counter failed;

    HandoverSlot(DataSource dataSource, ReplicationProperties properties, ReplicatedTables tables, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.tables = tables;
        this.created = slots(registry, "created");
        this.failed = slots(registry, "failed");
    }

    private static Counter slots(MeterRegistry registry, String outcome) {
        return Counter.builder("hotline.replication.handover.slots").tag("outcome", outcome)
                .description("handover slots made for the peer at this site's promotions, by outcome").register(registry);
    }

    @Override
    public void beforePromotion(SiteState standby, long epoch) {
        if (!properties.hasPeer() || standby.role() != SiteRole.STANDBY) {
            return;
        }
        String slot = properties.slotFor(properties.peerSite());
        long started = System.nanoTime();
        try (Connection own = dataSource.getConnection()) {
            own.setAutoCommit(true);
            try (Statement s = own.createStatement()) {
                // the slot's consistent point waits for transactions in flight here: a stuck one must not hold the
                // promotion (a failover) for long — without the slot the demoted site just resyncs
                s.execute("set statement_timeout = '2s'");
            }
            // pgoutput reads the publication as of each change's position: it must exist before the slot's start
            CdcEngine.ensurePublication(own, properties.publication(),
                    tables.all().keySet().stream().sorted().toList(), "site " + standby.siteId());
            dropUnused(own, slot);
            String lsn;
            try (PreparedStatement p = own.prepareStatement(own.getMetaData().getDatabaseMajorVersion() >= 17
                    ? "select lsn::text from pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)"
                    : "select lsn::text from pg_create_logical_replication_slot(?, 'pgoutput')")) {
                p.setString(1, slot);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    lsn = rs.getString(1);
                }
            }
            try (PreparedStatement p = own.prepareStatement("""
                    insert into replication_handover (slot_name, epoch, previous_epoch, previous_active, consistent_lsn)
                    values (?, ?, ?, ?, ?::pg_lsn)
                    on conflict (slot_name) do update set epoch = excluded.epoch, previous_epoch = excluded.previous_epoch,
                        previous_active = excluded.previous_active, consistent_lsn = excluded.consistent_lsn,
                        created_at = now()""")) {
                p.setString(1, slot);
                p.setLong(2, epoch);
                p.setLong(3, standby.epoch());
                p.setString(4, standby.activeSite());
                p.setString(5, lsn);
                p.executeUpdate();
            }
            created.increment();
            log.info("handover slot {} created at {} for site {} ({} ms): promotion to epoch {} from epoch {}",
                    slot, lsn, properties.peerSite(), (System.nanoTime() - started) / 1_000_000, epoch, standby.epoch());
        } catch (SQLException | RuntimeException e) {
            failed.increment();
            log.warn("no handover slot for site {} (it will resync when it follows this site): {}", properties.peerSite(),
                    e.getMessage());
        }
    }

    private static void dropUnused(Connection own, String slot) throws SQLException {
        try (PreparedStatement p = own.prepareStatement(
                "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active")) {
            p.setString(1, slot);
            p.execute();
        }
    }

    /**
     * At a standby with no CDC offset: may it stream from the active site's handover slot?
     *
     * @param source          a connection to the active site
     * @param me              this site now (STANDBY)
     * @param cleanPeriod     the epoch of this site's last ACTIVE period if its scan found nothing unreplicated
     */
    static Verdict check(Connection source, String slot, SiteState me, OptionalLong cleanPeriod) {
        if (cleanPeriod.isEmpty()) {
            return new Verdict(false, "no ACTIVE period of site " + me.siteId() + " on record that left nothing unreplicated (orphans, or rows rewritten under other versions)");
        }
        try (PreparedStatement p = source.prepareStatement("""
                select h.epoch, h.previous_epoch, h.previous_active, h.consistent_lsn::text,
                       s.slot_name is not null, coalesce(s.active, false), s.wal_status,
                       to_jsonb(s) ->> 'invalidation_reason', s.confirmed_flush_lsn = h.consistent_lsn
                from replication_handover h left join pg_replication_slots s on s.slot_name = h.slot_name
                where h.slot_name = ?""")) {
            p.setString(1, slot);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return new Verdict(false, "the active site recorded no handover slot " + slot);
                }
                long epoch = rs.getLong(1);
                long previousEpoch = rs.getLong(2);
                String previousActive = rs.getString(3);
                String lsn = rs.getString(4);
                if (epoch != me.epoch()) {
                    return new Verdict(false, "handover slot " + slot + " is of epoch " + epoch + ", this site is at "
                            + me.epoch());
                }
                if (!me.siteId().equals(previousActive) || previousEpoch != cleanPeriod.getAsLong()) {
                    return new Verdict(false, "handover slot " + slot + " was made by a standby of site " + previousActive
                            + " at epoch " + previousEpoch + ", not of this site's last ACTIVE period (epoch "
                            + cleanPeriod.getAsLong() + ")");
                }
                if (!rs.getBoolean(5)) {
                    return new Verdict(false, "handover slot " + slot + " no longer exists");
                }
                if (rs.getBoolean(6) || "lost".equals(rs.getString(7)) || rs.getString(8) != null
                        || !rs.getBoolean(9)) {
                    return new Verdict(false, "handover slot " + slot + " was used, moved or invalidated since " + lsn);
                }
                return new Verdict(true, "handover slot " + slot + " made at the active site's promotion to epoch "
                        + epoch + " (from " + lsn + "); site " + me.siteId() + "'s ACTIVE period of epoch "
                        + previousEpoch + " left nothing unreplicated");
            }
        } catch (SQLException e) {
            return new Verdict(false, "could not read the handover slot at the active site: " + e.getMessage());
        }
    }
}
