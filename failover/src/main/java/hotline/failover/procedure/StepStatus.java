package hotline.failover.procedure;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of one step in a run: PENDING → STARTED → DONE (or FAILED when the run aborted in it). */
public enum StepStatus {
    PENDING,
    STARTED,
    DONE,
    FAILED;

    public Set<StepStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(STARTED, DONE, FAILED);
            case STARTED -> EnumSet.of(STARTED, DONE, FAILED);
            case DONE, FAILED -> EnumSet.noneOf(StepStatus.class);
        };
    }

    public StepStatus moveTo(StepStatus target, String step) {
        if (!next().contains(target)) {
            throw new IllegalStateException("step " + step + " is " + this + " and cannot become " + target
                    + "; a finished step is never run again");
        }
        return target;
    }
}
