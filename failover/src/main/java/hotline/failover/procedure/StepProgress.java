package hotline.failover.procedure;

import java.time.Instant;

/** One step's persisted progress within a run. {@code note}: the last reason (what it waits for, why it failed). */
public record StepProgress(String name, StepStatus status, Instant startedAt, Instant endedAt, int attempts,
                           String note) {

    public static StepProgress pending(String name) {
        return new StepProgress(name, StepStatus.PENDING, null, null, 0, null);
    }

    StepProgress started(Instant now) {
        return new StepProgress(name, status.moveTo(StepStatus.STARTED, name), startedAt == null ? now : startedAt,
                null, attempts, note);
    }

    StepProgress waiting(String reason) {
        return new StepProgress(name, status.moveTo(StepStatus.STARTED, name), startedAt, null, attempts + 1, reason);
    }

    StepProgress done(Instant now, String reason) {
        return new StepProgress(name, status.moveTo(StepStatus.DONE, name), startedAt == null ? now : startedAt, now,
                attempts + 1, reason);
    }

    StepProgress failed(Instant now, String reason) {
        return new StepProgress(name, status.moveTo(StepStatus.FAILED, name), startedAt == null ? now : startedAt, now,
                attempts + 1, reason);
    }
}
