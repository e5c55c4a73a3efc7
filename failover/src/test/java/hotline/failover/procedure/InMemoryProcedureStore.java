package hotline.failover.procedure;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The procedure store in memory, with a crash injected at the n-th save (the controller dies before it persists). */
public final class InMemoryProcedureStore implements ProcedureStore {

    static final class ControllerCrashed extends Error {
        ControllerCrashed(int save) {
            super("controller killed before save " + save);
        }
    }

    private final Map<Long, ProcedureRun> runs = new TreeMap<>();
    private long nextId = 1;
    private int saves;
    private int crashAtSave = -1;
    /** The store does not answer reads of the unfinished run (a witness that times out). */
    public volatile boolean failReads;

    void crashAtSave(int n) {
        crashAtSave = n;
        saves = 0;
    }

    void noMoreCrashes() {
        crashAtSave = -1;
    }

    int savesSoFar() {
        return saves;
    }

    @Override
    public synchronized ProcedureRun create(ProcedureRun fresh) {
        Optional<ProcedureRun> unfinished = runs.values().stream().filter(r -> !r.status().finished()).findFirst();
        if (unfinished.isPresent()) {
            throw new ProcedureConflictException("run " + unfinished.get().describe() + " is unfinished");
        }
        ProcedureRun stored = fresh.withIdAndVersion(nextId++, 1);
        runs.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized ProcedureRun save(ProcedureRun run) {
        saves++;
        if (saves == crashAtSave) {
            throw new ControllerCrashed(saves);
        }
        ProcedureRun stored = runs.get(run.id());
        if (stored == null || stored.version() != run.version()) {
            throw new ProcedureConflictException("run " + run.id() + " changed meanwhile");
        }
        ProcedureRun next = run.withIdAndVersion(run.id(), run.version() + 1);
        runs.put(run.id(), next);
        return next;
    }

    @Override
    public synchronized Optional<ProcedureRun> find(long id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized Optional<ProcedureRun> unfinished() {
        if (failReads) {
            throw new ProcedureStoreUnavailableException("procedure store unreachable (test)", null);
        }
        return runs.values().stream().filter(r -> !r.status().finished()).findFirst();
    }
}
