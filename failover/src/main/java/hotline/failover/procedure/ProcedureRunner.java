package hotline.failover.procedure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Advances a {@link ProcedureRun} through its {@link Procedure}'s steps, persisting progress after every move
 * (Strimzi's reconcile chain; CloudNativePG's persisted two-phase failover).
 *
 * <p>One {@link #advance} pass:
 * <ol>
 *   <li>skip the steps already DONE in the persisted run;</li>
 *   <li>mark the next step STARTED (persisted: a crash from here on resumes at this step);</li>
 *   <li>if its done-check holds, mark it DONE without running it (the crash happened after its effect);</li>
 *   <li>if its precondition fails, run the procedure's compensation and mark the run ABORTED with the reason;</li>
 *   <li>run it: CONTINUE → DONE and on to the next step; RETRY_LATER → persist the reason and return (call
 *       again after the retry period), unless the step waited past its timeout; DONE → the run SUCCEEDED;
 *       ABORT → compensate, ABORTED. An exception from a step is a transient fault: RETRY_LATER with its message.</li>
 * </ol>
 * Invariants: a step whose effect is persisted as DONE never runs again; a step runs only while its precondition
 * holds; every change of the run goes through the store's compare-and-set, so two controllers never advance the
 * same run; a finished run never changes.
 */
public final class ProcedureRunner {

    private final ProcedureStore store;
    private final Clock clock;

    public ProcedureRunner(ProcedureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Persists a new run of {@code procedure} with {@code params} in its memo, then advances it once. */
    public ProcedureRun start(Procedure procedure, String startedBy, Map<String, String> params) {
        List<String> names = procedure.steps().stream().map(Step::name).toList();
        ProcedureRun run = store.create(ProcedureRun.fresh(procedure.kind(), startedBy, clock.instant(), names, params));
        return advance(procedure, run);
    }

    /** Advances {@code run} as far as it goes now; returns it as persisted. */
    public ProcedureRun advance(Procedure procedure, ProcedureRun run) {
        if (run.status().finished()) {
            return run;
        }
        List<Step> steps = procedure.steps();
        List<String> names = steps.stream().map(Step::name).toList();
        if (!procedure.kind().equals(run.kind()) || !names.equals(run.stepNames())) {
            throw new IllegalArgumentException("run " + run.id() + " is a " + run.kind() + " with steps "
                    + run.stepNames() + ", not a " + procedure.kind() + " with steps " + names
                    + "; resume it with the controller version that started it, or abort it");
        }
        Memo memo = new Memo(run.memo());
        for (Step step : steps) {
            StepProgress progress = run.step(step.name());
            if (progress.status() == StepStatus.DONE) {
                continue;
            }
            Instant now = clock.instant();
            if (progress.status() == StepStatus.PENDING) {
                run = store.save(run.stepStarted(step.name(), now, memo));
            }
            boolean alreadyDone;
            Optional<String> violation;
            try {
                alreadyDone = step.isDone().isDone(memo);
                violation = alreadyDone ? Optional.empty() : step.precondition().violation(memo);
            } catch (RuntimeException e) {
                return waitOrTimeOut(procedure, run, step, "checking step " + step.name() + " failed: " + message(e), memo);
            }
            if (alreadyDone) {
                run = store.save(run.stepDone(step.name(), now, "already done", memo));
                continue;
            }
            if (violation.isPresent()) {
                return abort(procedure, run, step, "precondition of step " + step.name() + " failed: " + violation.get(), memo);
            }
            StepResult result;
            try {
                result = step.action().run(memo);
            } catch (RuntimeException e) {
                result = StepResult.retryLater("step " + step.name() + " failed: " + message(e));
            }
            switch (result.kind()) {
                case CONTINUE -> run = store.save(run.stepDone(step.name(), clock.instant(), result.reason(), memo));
                case DONE -> {
                    run = run.stepDone(step.name(), clock.instant(), result.reason(), memo);
                    return store.save(run.succeeded(step.name(), clock.instant(), result.reason(), memo));
                }
                case RETRY_LATER -> {
                    ProcedureRun waited = waitOrTimeOut(procedure, run, step, result.reason(), memo);
                    if (waited.status().finished() || waited.step(step.name()).status() != StepStatus.DONE) {
                        return waited;
                    }
                    run = waited;
                }
                case ABORT -> {
                    return abort(procedure, run, step, result.reason(), memo);
                }
            }
        }
        String last = steps.get(steps.size() - 1).name();
        return store.save(run.succeeded(last, clock.instant(), "all " + steps.size() + " steps done", memo));
    }

    private ProcedureRun waitOrTimeOut(Procedure procedure, ProcedureRun run, Step step, String why, Memo memo) {
        Instant now = clock.instant();
        Instant started = run.step(step.name()).startedAt();
        if (step.timeout().isPresent() && started != null
                && !Duration.between(started, now).minus(step.timeout().get()).isNegative()) {
            String gaveUp = "step " + step.name() + " still waiting after " + step.timeout().get().toSeconds()
                    + " s: " + why;
            if (step.onTimeout() == StepResult.Kind.CONTINUE) {
                return store.save(run.stepDone(step.name(), now, "gave up waiting, going on: " + gaveUp, memo));
            }
            return abort(procedure, run, step, gaveUp, memo);
        }
        return store.save(run.stepWaiting(step.name(), why, memo));
    }

    /** Compensates first (idempotent, best effort), then persists ABORTED: a crash in between aborts again. */
    private ProcedureRun abort(Procedure procedure, ProcedureRun run, Step failed, String why, Memo memo) {
        StringBuilder reason = new StringBuilder(why);
        for (Step compensation : procedure.onAbort()) {
            try {
                if (!compensation.isDone().isDone(memo)) {
                    StepResult result = compensation.action().run(memo);
                    if (result.reason() != null) {
                        reason.append("; ").append(result.reason());
                    }
                }
            } catch (RuntimeException e) {
                reason.append("; compensation ").append(compensation.name()).append(" failed: ").append(message(e));
            }
        }
        return store.save(run.aborted(failed.name(), clock.instant(), reason.toString(), memo));
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
