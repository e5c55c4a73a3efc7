package hotline.failover.procedure;

import java.util.Optional;

/**
 * Holds one run in memory, for the one procedure that must run while the procedure store (the witness) is lost:
 * {@link FailoverWithoutWitness}. Nothing survives the process; that procedure's steps check their effects, so
 * running the command again resumes it.
 */
public final class UnpersistedProcedureStore implements ProcedureStore {

    private ProcedureRun run;

    @Override
    public synchronized ProcedureRun create(ProcedureRun fresh) {
        if (run != null && !run.status().finished()) {
            throw new ProcedureConflictException("run " + run.describe() + " is unfinished");
        }
        run = fresh.withIdAndVersion(1, 1);
        return run;
    }

    @Override
    public synchronized ProcedureRun save(ProcedureRun changed) {
        if (run == null || run.version() != changed.version()) {
            throw new ProcedureConflictException("run " + changed.id() + " changed meanwhile");
        }
        run = changed.withIdAndVersion(changed.id(), changed.version() + 1);
        return run;
    }

    @Override
    public synchronized Optional<ProcedureRun> find(long id) {
        return Optional.ofNullable(run).filter(r -> r.id() == id);
    }

    @Override
    public synchronized Optional<ProcedureRun> unfinished() {
        return Optional.ofNullable(run).filter(r -> !r.status().finished());
    }
}
