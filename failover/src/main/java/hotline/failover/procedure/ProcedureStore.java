package hotline.failover.procedure;

import java.util.Optional;

/**
 * Where procedure runs are persisted (the witness database in local mode), so that a controller killed at any step
 * resumes or aborts the run when it restarts. At most one run is unfinished at a time.
 */
public interface ProcedureStore {

    /**
     * Stores a new run and gives it an id. Throws {@link ProcedureConflictException} when another run is unfinished
     * (finish or abort it first).
     */
    ProcedureRun create(ProcedureRun fresh);

    /**
     * Compare-and-set on {@code run.version()}: stores the run and returns it with its new version. Throws
     * {@link ProcedureConflictException} when the stored version moved (someone else advanced it).
     */
    ProcedureRun save(ProcedureRun run);

    Optional<ProcedureRun> find(long id);

    /** The run still RUNNING, if any: the one a restarted controller resumes. */
    Optional<ProcedureRun> unfinished();
}
