package hotline.failover.procedure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One named, idempotent step of a {@link Procedure}.
 *
 * <ol>
 *   <li>{@code isDone}: checked first, every time (also after a crash): when the effect is already there, the step
 *       is recorded as done without running again;</li>
 *   <li>{@code precondition}: what must hold for the step to be safe; a violation aborts the run with its reason;</li>
 *   <li>{@code action}: does the work once and says how to go on ({@link StepResult}).</li>
 * </ol>
 * A step waiting longer than its {@code timeout} ends with {@code onTimeout} (abort by default; a step whose wait is
 * only an optimisation may continue instead).
 *
 * <p>Steps read and write the run's {@link Memo} (e.g. the promotion token), which is persisted with the progress.
 */
public record Step(String name, Precondition precondition, DoneCheck isDone, Action action,
                   Optional<Duration> timeout, StepResult.Kind onTimeout) {

    @FunctionalInterface
    public interface Precondition {
        /** Empty when the step may run; otherwise why it must not (a sentence). */
        Optional<String> violation(Memo memo);
    }

    @FunctionalInterface
    public interface DoneCheck {
        boolean isDone(Memo memo);
    }

    @FunctionalInterface
    public interface Action {
        StepResult run(Memo memo);
    }

    public Step {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("step names are lowerCamelCase words, was '" + name + "'");
        }
        Objects.requireNonNull(precondition, "precondition");
        Objects.requireNonNull(isDone, "isDone");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        if (onTimeout != StepResult.Kind.ABORT && onTimeout != StepResult.Kind.CONTINUE) {
            throw new IllegalArgumentException("a timed-out step either aborts or continues, not " + onTimeout);
        }
    }

    /** Starts a step: {@code step("fenceActive").requires(...).doneWhen(...).run(...)}. */
    public static Builder step(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private Precondition precondition = memo -> Optional.empty();
        private DoneCheck isDone = memo -> false;
        private Duration timeout;
        private StepResult.Kind onTimeout = StepResult.Kind.ABORT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder requires(Precondition precondition) {
            this.precondition = precondition;
            return this;
        }

        public Builder doneWhen(DoneCheck isDone) {
            this.isDone = isDone;
            return this;
        }

        /** Waiting in this step longer than {@code timeout} aborts the run. */
        public Builder abortAfter(Duration timeout) {
            this.timeout = timeout;
            this.onTimeout = StepResult.Kind.ABORT;
            return this;
        }

        /** Waiting in this step longer than {@code timeout} gives up the wait and goes on with the next step. */
        public Builder continueAfter(Duration timeout) {
            this.timeout = timeout;
            this.onTimeout = StepResult.Kind.CONTINUE;
            return this;
        }

        public Step run(Action action) {
            return new Step(name, precondition, isDone, action, Optional.ofNullable(timeout), onTimeout);
        }
    }
}
