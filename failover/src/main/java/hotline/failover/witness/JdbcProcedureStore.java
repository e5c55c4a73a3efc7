package hotline.failover.witness;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hotline.failover.procedure.ProcedureConflictException;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureStatus;
import hotline.failover.procedure.ProcedureStore;
import hotline.failover.procedure.ProcedureStoreUnavailableException;
import hotline.failover.procedure.StepProgress;
import hotline.failover.procedure.StepStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Procedure runs as rows of {@code hotline_procedure_run} in the witness PostgreSQL, next to the lease, so a
 * controller restarted on either site finds the run it must resume.
 * <ul>
 *   <li>At most one unfinished run: a partial unique index on the RUNNING rows; a second {@link #create} violates it
 *       → {@link ProcedureConflictException} naming the unfinished run.</li>
 *   <li>{@link #save} is a compare-and-set: {@code update … set …, version = version + 1 where id = ? and
 *       version = ?}; no row updated → {@link ProcedureConflictException} (another controller advanced it).</li>
 *   <li>A finished run is never changed again: the update also requires the stored status to be RUNNING.</li>
 *   <li>Steps and memo are JSON ({@code jsonb}); every call runs on a fresh connection with the witness's short
 *       timeouts; any other failure is {@link ProcedureStoreUnavailableException}.</li>
 * </ul>
 * The table (and index) are created if missing.
 */
public final class JdbcProcedureStore implements ProcedureStore {

    private static final String SCHEMA = """
            create table if not exists hotline_procedure_run (
                id           bigserial   primary key,
                kind         text        not null,
                started_by   text        not null,
                started_at   timestamptz not null,
                status       text        not null check (status in ('RUNNING', 'SUCCEEDED', 'ABORTED')),
                current_step text,
                reason       text,
                ended_at     timestamptz,
                steps        jsonb       not null,
                memo         jsonb       not null,
                version      bigint      not null,
                updated_at   timestamptz not null default now()
            );
            create unique index if not exists hotline_procedure_run_one_unfinished
                on hotline_procedure_run ((true)) where status = 'RUNNING';
            """;

    private static final String COLUMNS = "id, kind, started_by, started_at, status, current_step, reason, ended_at, "
            + "steps::text, memo::text, version";

    private final WitnessDatabase witness;
    private volatile boolean schemaReady;

    public JdbcProcedureStore(WitnessDatabase witness) {
        this.witness = witness;
    }

    @Override
    public ProcedureRun create(ProcedureRun fresh) {
        try (Connection c = connection();
             PreparedStatement insert = c.prepareStatement("insert into hotline_procedure_run (kind, started_by, "
                     + "started_at, status, current_step, reason, ended_at, steps, memo, version) "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 1) returning id")) {
            insert.setString(1, fresh.kind());
            insert.setString(2, fresh.startedBy());
            insert.setTimestamp(3, timestamp(fresh.startedAt()));
            insert.setString(4, fresh.status().name());
            insert.setString(5, fresh.currentStep());
            insert.setString(6, fresh.reason());
            insert.setTimestamp(7, timestamp(fresh.endedAt()));
            insert.setString(8, stepsJson(fresh.steps()));
            insert.setString(9, memoJson(fresh.memo()));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return fresh.withIdAndVersion(rs.getLong(1), 1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                String unfinished = unfinished().map(ProcedureRun::describe).orElse("another run");
                throw new ProcedureConflictException(unfinished + " is unfinished: resume or abort it before starting a "
                        + fresh.kind());
            }
            throw unavailable("store a new " + fresh.kind() + " run", e);
        }
    }

    @Override
    public ProcedureRun save(ProcedureRun run) {
        try (Connection c = connection();
             PreparedStatement update = c.prepareStatement("update hotline_procedure_run set status = ?, "
                     + "current_step = ?, reason = ?, ended_at = ?, steps = ?::jsonb, memo = ?::jsonb, "
                     + "version = version + 1, updated_at = now() "
                     + "where id = ? and version = ? and status = 'RUNNING' returning version")) {
            update.setString(1, run.status().name());
            update.setString(2, run.currentStep());
            update.setString(3, run.reason());
            update.setTimestamp(4, timestamp(run.endedAt()));
            update.setString(5, stepsJson(run.steps()));
            update.setString(6, memoJson(run.memo()));
            update.setLong(7, run.id());
            update.setLong(8, run.version());
            try (ResultSet rs = update.executeQuery()) {
                if (rs.next()) {
                    return run.withIdAndVersion(run.id(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw unavailable("save run " + run.id(), e);
        }
        String stored = find(run.id()).map(r -> "it is " + r.describe() + " at version " + r.version())
                .orElse("it does not exist");
        throw new ProcedureConflictException("run " + run.id() + " changed meanwhile (expected version " + run.version()
                + ", " + stored + "): another controller advanced it; read it again");
    }

    @Override
    public Optional<ProcedureRun> find(long id) {
        return queryOne("select " + COLUMNS + " from hotline_procedure_run where id = ?", id);
    }

    @Override
    public Optional<ProcedureRun> unfinished() {
        return queryOne("select " + COLUMNS + " from hotline_procedure_run where status = 'RUNNING'", null);
    }

    /** The latest runs, newest first (for {@code ctl status}). */
    public List<ProcedureRun> latest(int limit) {
        try (Connection c = connection();
             PreparedStatement select = c.prepareStatement("select " + COLUMNS
                     + " from hotline_procedure_run order by id desc limit ?")) {
            select.setInt(1, limit);
            List<ProcedureRun> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(toRun(rs));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw unavailable("read the latest runs", e);
        }
    }

    private Optional<ProcedureRun> queryOne(String sql, Long id) {
        try (Connection c = connection(); PreparedStatement select = c.prepareStatement(sql)) {
            if (id != null) {
                select.setLong(1, id);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(toRun(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read runs", e);
        }
    }

    private Connection connection() throws SQLException {
        Connection c = witness.open();
        if (!schemaReady) {
            try (Statement s = c.createStatement()) {
                s.execute(SCHEMA);
                schemaReady = true;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                    c.close();
                    throw e;
                }
                schemaReady = true;  // another controller created it at the same moment
            }
        }
        return c;
    }

    private ProcedureStoreUnavailableException unavailable(String what, SQLException e) {
        return new ProcedureStoreUnavailableException("the procedure store (" + witness.describe() + ") could not "
                + what + ": " + e.getMessage(), e);
    }

    private static ProcedureRun toRun(ResultSet rs) throws SQLException {
        return new ProcedureRun(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                ProcedureStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                steps(rs.getString(9)), memo(rs.getString(10)), rs.getLong(11));
    }

    static String stepsJson(List<StepProgress> steps) {
        JsonArray array = new JsonArray();
        for (StepProgress s : steps) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("status", s.status().name());
            o.addProperty("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
            o.addProperty("endedAt", s.endedAt() == null ? null : s.endedAt().toString());
            o.addProperty("attempts", s.attempts());
            o.addProperty("note", s.note());
            array.add(o);
        }
        return array.toString();
    }

    static List<StepProgress> steps(String json) {
        List<StepProgress> steps = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            steps.add(new StepProgress(o.get("name").getAsString(), StepStatus.valueOf(o.get("status").getAsString()),
                    instant(o, "startedAt"), instant(o, "endedAt"), o.get("attempts").getAsInt(), text(o, "note")));
        }
        return steps;
    }

    static String memoJson(Map<String, String> memo) {
        JsonObject o = new JsonObject();
        memo.forEach(o::addProperty);
        return o.toString();
    }

    static Map<String, String> memo(String json) {
        Map<String, String> memo = new LinkedHashMap<>();
        JsonParser.parseString(json).getAsJsonObject().entrySet().forEach(e -> memo.put(e.getKey(), e.getValue().getAsString()));
        return memo;
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Instant instant(JsonObject o, String key) {
        String text = text(o, key);
        return text == null ? null : Instant.parse(text);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
