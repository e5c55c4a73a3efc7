package hotline.failover.procedure;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of a procedure run: RUNNING (possibly waiting) until it SUCCEEDED or was ABORTED. */
public enum ProcedureStatus {
    RUNNING,
    SUCCEEDED,
    ABORTED;

    public boolean finished() {
        return this != RUNNING;
    }

    public Set<ProcedureStatus> next() {
        return this == RUNNING ? EnumSet.allOf(ProcedureStatus.class) : EnumSet.noneOf(ProcedureStatus.class);
    }

    /** Checks the move; a finished run never changes again: start a new procedure instead. */
    public ProcedureStatus moveTo(ProcedureStatus target, long runId) {
        if (!next().contains(target)) {
            throw new IllegalStateException("procedure run " + runId + " already " + this + ", it cannot become "
                    + target + "; start a new procedure instead");
        }
        return target;
    }
}
