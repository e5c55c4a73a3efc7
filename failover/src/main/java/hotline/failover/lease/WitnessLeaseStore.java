package hotline.failover.lease;

import hotline.failover.witness.WitnessDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The lease as one row of {@code hotline_lease} in the witness PostgreSQL (the pg_auto_failover "monitor" pattern),
 * changed only by compare-and-set on its {@code version} column:
 * <ul>
 *   <li>create: {@code insert … on conflict do nothing} (someone else created it first → empty);</li>
 *   <li>change: {@code update … set …, version = version + 1 where name = ? and version = ?} (a stale version
 *       updates no row → empty);</li>
 *   <li>every statement runs on a fresh connection with the witness's short timeouts; any failure is
 *       {@link LeaseStoreUnavailableException}.</li>
 * </ul>
 * The resourceVersion of a {@link Lease} read from here is the row's version as a decimal string.
 */
public final class WitnessLeaseStore implements LeaseStore {

    public static final String DEFAULT_NAME = "hotline-active-site";

    private static final String SCHEMA = """
            create table if not exists hotline_lease (
                name         text primary key,
                holder_site  text        not null,
                epoch        bigint      not null check (epoch > 0),
                acquired_at  timestamptz not null,
                renewed_at   timestamptz not null,
                duration_ms  bigint      not null check (duration_ms > 0),
                version      bigint      not null
            )""";

    private final WitnessDatabase witness;
    private final String name;
    private volatile boolean schemaReady;

    public WitnessLeaseStore(WitnessDatabase witness, String name) {
        this.witness = witness;
        this.name = name;
    }

    @Override
    public Optional<Lease> read() {
        try (Connection c = connection();
             PreparedStatement select = c.prepareStatement("select holder_site, epoch, acquired_at, renewed_at, "
                     + "duration_ms, version from hotline_lease where name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(toLease(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public Optional<Lease> compareAndSet(Lease expected, Lease next) {
        if (expected != null && expected.resourceVersion() == null) {
            throw new IllegalArgumentException("expected lease has no resourceVersion: pass the lease as read from the "
                    + "store (or null to create the first one)");
        }
        try (Connection c = connection()) {
            if (expected == null) {
                try (PreparedStatement insert = c.prepareStatement("insert into hotline_lease (name, holder_site, epoch, "
                        + "acquired_at, renewed_at, duration_ms, version) values (?, ?, ?, ?, ?, ?, 1) "
                        + "on conflict (name) do nothing")) {
                    bind(insert, next, 1);
                    return insert.executeUpdate() == 1 ? Optional.of(withVersion(next, 1)) : Optional.empty();
                }
            }
            try (PreparedStatement update = c.prepareStatement("update hotline_lease set holder_site = ?, epoch = ?, "
                    + "acquired_at = ?, renewed_at = ?, duration_ms = ?, version = version + 1 "
                    + "where name = ? and version = ? returning version")) {
                update.setString(1, next.holderSite());
                update.setLong(2, next.epoch());
                update.setObject(3, utc(next.acquiredAt()));
                update.setObject(4, utc(next.renewedAt()));
                update.setLong(5, next.duration().toMillis());
                update.setString(6, name);
                update.setLong(7, Long.parseLong(expected.resourceVersion()));
                try (ResultSet rs = update.executeQuery()) {
                    return rs.next() ? Optional.of(withVersion(next, rs.getLong(1))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw unavailable("compare-and-set", e);
        }
    }

    @Override
    public String describe() {
        return "lease row '" + name + "' in the witness " + witness.describe();
    }

    private Connection connection() throws SQLException {
        Connection c = witness.open();
        if (!schemaReady) {
            try (Statement s = c.createStatement()) {
                s.execute(SCHEMA);
                schemaReady = true;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    private void bind(PreparedStatement insert, Lease lease, int from) throws SQLException {
        insert.setString(from, name);
        insert.setString(from + 1, lease.holderSite());
        insert.setLong(from + 2, lease.epoch());
        insert.setObject(from + 3, utc(lease.acquiredAt()));
        insert.setObject(from + 4, utc(lease.renewedAt()));
        insert.setLong(from + 5, lease.duration().toMillis());
    }

    private static Lease toLease(ResultSet rs) throws SQLException {
        return new Lease(rs.getString("holder_site"), rs.getLong("epoch"), rs.getObject("acquired_at", OffsetDateTime.class).toInstant(),
                rs.getObject("renewed_at", OffsetDateTime.class).toInstant(), Duration.ofMillis(rs.getLong("duration_ms")),
                Long.toString(rs.getLong("version")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Lease withVersion(Lease lease, long version) {
        return new Lease(lease.holderSite(), lease.epoch(), lease.acquiredAt(), lease.renewedAt(), lease.duration(),
                Long.toString(version));
    }

    private LeaseStoreUnavailableException unavailable(String what, SQLException e) {
        return new LeaseStoreUnavailableException("lease store " + witness.describe() + ": " + what + " failed ("
                + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
