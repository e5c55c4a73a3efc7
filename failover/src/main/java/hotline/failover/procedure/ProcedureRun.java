package hotline.failover.procedure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The persisted progress of one procedure run: who started it and when, where it is, how each step went, what it
 * remembers ({@link Memo}), and its status with the reason. {@code version} is the store's compare-and-set token:
 * two controllers can never both advance the same run.
 */
public record ProcedureRun(long id, String kind, String startedBy, Instant startedAt, ProcedureStatus status,
                           String currentStep, String reason, Instant endedAt, List<StepProgress> steps,
                           Map<String, String> memo, long version) {

    public ProcedureRun {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
        memo = Map.copyOf(memo);
    }

    /** A new run, before the store gave it an id (0) and a version (0). */
    public static ProcedureRun fresh(String kind, String startedBy, Instant at, List<String> stepNames,
                                     Map<String, String> memo) {
        return new ProcedureRun(0, kind, startedBy, at, ProcedureStatus.RUNNING, stepNames.isEmpty() ? null
                : stepNames.get(0), "started by " + startedBy, null,
                stepNames.stream().map(StepProgress::pending).toList(), memo, 0);
    }

    public StepProgress step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("run " + id + " (" + kind + ") has no step " + name));
    }

    public List<String> stepNames() {
        return steps.stream().map(StepProgress::name).toList();
    }

    /** For logs and {@code ctl status}: "switchover 17 at step awaitStandbyCaughtUp". */
    public String describe() {
        return kind + " " + id + (status.finished() ? " " + status : " at step " + currentStep);
    }

    public ProcedureRun withIdAndVersion(long newId, long newVersion) {
        return new ProcedureRun(newId, kind, startedBy, startedAt, status, currentStep, reason, endedAt, steps, memo,
                newVersion);
    }

    ProcedureRun stepStarted(String name, Instant now, Memo memo) {
        return with(name, step(name).started(now), status, reason, null, memo);
    }

    ProcedureRun stepWaiting(String name, String why, Memo memo) {
        return with(name, step(name).waiting(why), status, why, null, memo);
    }

    ProcedureRun stepDone(String name, Instant now, String note, Memo memo) {
        return with(name, step(name).done(now, note), status, reason, null, memo);
    }

    ProcedureRun succeeded(String lastStep, Instant now, String why, Memo memo) {
        return with(lastStep, step(lastStep), status.moveTo(ProcedureStatus.SUCCEEDED, id), why, now, memo);
    }

    ProcedureRun aborted(String name, Instant now, String why, Memo memo) {
        return with(name, step(name).failed(now, why), status.moveTo(ProcedureStatus.ABORTED, id), why, now, memo);
    }

    private ProcedureRun with(String current, StepProgress changed, ProcedureStatus newStatus, String newReason,
                              Instant ended, Memo memo) {
        List<StepProgress> updated = new ArrayList<>(steps);
        updated.replaceAll(s -> s.name().equals(changed.name()) ? changed : s);
        return new ProcedureRun(id, kind, startedBy, startedAt, newStatus, current, newReason, ended, updated,
                memo.asMap(), version);
    }
}
