package hotline.failover.witness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import hotline.failover.switches.OpsSwitchStore;
import hotline.failover.switches.OpsSwitchStoreUnavailableException;
import hotline.failover.switches.OpsSwitches;

/**
 * Ops switches as rows of {@code hotline_ops_switch} in the witness PostgreSQL: {@code paused} and {@code fenced:<site>}.
 * A row present means the switch is on. Both controllers and the CLI read the same rows, so a pause set from any
 * machine holds for both sites. The table is created if missing.
 */
public final class WitnessSwitchStore implements OpsSwitchStore {

    private static final String SCHEMA = """
            create table if not exists hotline_ops_switch (
                name       text        primary key,
                set_by     text        not null,
                set_at     timestamptz not null,
                reason     text        not null
            )""";
    private static final String PAUSED = "paused";
    private static final String FENCED = "fenced:";

    private final WitnessDatabase witness;
    private volatile boolean schemaReady;

    public WitnessSwitchStore(WitnessDatabase witness) {
        this.witness = witness;
    }

    @Override
    public OpsSwitches read() {
        try (Connection c = connection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name, set_by, set_at, reason from hotline_ops_switch order by name")) {
            Optional<OpsSwitches.Setting> pause = Optional.empty();
            Map<String, OpsSwitches.Setting> fenced = new LinkedHashMap<>();
            while (rs.next()) {
                OpsSwitches.Setting setting = new OpsSwitches.Setting(rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4));
                String name = rs.getString(1);
                if (name.equals(PAUSED)) {
                    pause = Optional.of(setting);
                } else if (name.startsWith(FENCED)) {
                    fenced.put(name.substring(FENCED.length()), setting);
                }
            }
            return new OpsSwitches(pause, fenced);
        } catch (SQLException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public void pause(OpsSwitches.Setting setting) {
        set(PAUSED, setting);
    }

    @Override
    public void resume() {
        clear(PAUSED);
    }

    @Override
    public void fence(String site, OpsSwitches.Setting setting) {
        set(FENCED + site, setting);
    }

    @Override
    public void unfence(String site) {
        clear(FENCED + site);
    }

    private void set(String name, OpsSwitches.Setting setting) {
        try (Connection c = connection();
             PreparedStatement insert = c.prepareStatement("insert into hotline_ops_switch (name, set_by, set_at, reason) "
                     + "values (?, ?, ?, ?) on conflict (name) do nothing")) {
            insert.setString(1, name);
            insert.setString(2, setting.by());
            insert.setObject(3, OffsetDateTime.ofInstant(setting.at(), ZoneOffset.UTC));
            insert.setString(4, setting.reason());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("set " + name, e);
        }
    }

    private void clear(String name) {
        try (Connection c = connection();
             PreparedStatement delete = c.prepareStatement("delete from hotline_ops_switch where name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("clear " + name, e);
        }
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

    private OpsSwitchStoreUnavailableException unavailable(String what, SQLException e) {
        return new OpsSwitchStoreUnavailableException("ops switches in the witness " + witness.describe() + ": " + what
                + " failed (" + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
