package hotline.failover.procedure;

import java.util.List;

/** A named, ordered chain of steps (switchover, failover, …) and what to do when a run of it aborts. */
public interface Procedure {

    /** The procedure's kind as persisted ({@code switchover}, {@code failover}). */
    String kind();

    /** The steps in order. Each is idempotent and checks whether it is done first. */
    List<Step> steps();

    /**
     * Compensation run once, best effort, when a run aborts (e.g. lift the fence of an active site that keeps the
     * lease). Idempotent like every step; empty by default.
     */
    default List<Step> onAbort() {
        return List.of();
    }
}
