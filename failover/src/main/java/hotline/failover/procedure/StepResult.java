package hotline.failover.procedure;

import java.util.Objects;

/**
 * What running a step gave.
 * <ul>
 *   <li>{@link Kind#CONTINUE}: this step's work is done, go on with the next step;</li>
 *   <li>{@link Kind#RETRY_LATER}: an expected wait (e.g. the standby has not caught up yet): the run stays at this
 *       step and is advanced again after the retry period;</li>
 *   <li>{@link Kind#DONE}: the procedure's goal is reached, the remaining steps are not needed;</li>
 *   <li>{@link Kind#ABORT}: going on would be unsafe: the run stops (and compensates) with this reason.</li>
 * </ul>
 */
public record StepResult(Kind kind, String reason) {

    public enum Kind { CONTINUE, RETRY_LATER, DONE, ABORT }

    public StepResult {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.RETRY_LATER || kind == Kind.ABORT) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(kind + " needs a reason sentence");
        }
    }

    public static StepResult proceed() {
        return new StepResult(Kind.CONTINUE, null);
    }

    public static StepResult proceed(String note) {
        return new StepResult(Kind.CONTINUE, note);
    }

    public static StepResult retryLater(String reason) {
        return new StepResult(Kind.RETRY_LATER, reason);
    }

    public static StepResult done(String reason) {
        return new StepResult(Kind.DONE, reason);
    }

    public static StepResult abort(String reason) {
        return new StepResult(Kind.ABORT, reason);
    }
}
