package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import hotline.failover.procedure.Procedure;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.ProcedureRunner;
import hotline.failover.procedure.ProcedureStatus;
import hotline.failover.procedure.StepProgress;
import hotline.failover.procedure.StepStatus;

/**
 * Drives a persisted procedure run from the CLI until it finishes, printing one line per step whenever its status or
 * note changes ({@code [  1.2 s] awaitStandbyCaughtUp     waiting: …}, waiting notes at most once a second), then
 * the outcome. Exit code: {@link Ctl#DONE} when it SUCCEEDED, {@link Ctl#REFUSED} when it was ABORTED.
 */
final class ProcedureProgress {

    private final PrintWriter out;
    private final Clock clock;
    private final Map<String, String> printed = new HashMap<>();

    ProcedureProgress(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int drive(ProcedureRunner runner, Procedure procedure, ProcedureRun started, Instant began, Duration retry,
              String successLine) throws InterruptedException {
        ProcedureRun run = started;
        while (true) {
            report(run, began);
            if (run.status().finished()) {
                break;
            }
            Thread.sleep(retry.toMillis());
            run = runner.advance(procedure, run);
        }
        double seconds = Duration.between(began, clock.instant()).toMillis() / 1000.0;
        if (run.status() == ProcedureStatus.SUCCEEDED) {
            out.printf(Locale.ROOT, "%s SUCCEEDED in %.1f s: %s%n", run.kind() + " " + run.id(), seconds, successLine);
            out.flush();
            return Ctl.DONE;
        }
        out.printf(Locale.ROOT, "%s ABORTED after %.1f s: %s%n", run.kind() + " " + run.id(), seconds, run.reason());
        out.flush();
        return Ctl.REFUSED;
    }

    private void report(ProcedureRun run, Instant began) {
        for (StepProgress step : run.steps()) {
            if (step.status() == StepStatus.PENDING) {
                continue;
            }
            String what = switch (step.status()) {
                case DONE -> "done" + (step.note() == null ? "" : ": " + step.note());
                case FAILED -> "FAILED: " + step.note();
                default -> step.note() == null ? "started" : "waiting: " + step.note();
            };
            boolean waiting = step.status() == StepStatus.STARTED;
            String lastAt = printed.get(step.name() + "@");
            boolean tooSoon = waiting && lastAt != null
                    && Duration.between(Instant.parse(lastAt), clock.instant()).toMillis() < 1000;
            if (!what.equals(printed.get(step.name())) && !tooSoon) {
                printed.put(step.name(), what);
                printed.put(step.name() + "@", clock.instant().toString());
                Instant at = step.endedAt() != null ? step.endedAt() : clock.instant();
                out.printf(Locale.ROOT, "[%6.2f s] %-26s %s%n",
                        Math.max(0, Duration.between(began, at).toMillis()) / 1000.0, step.name(), what);
            }
        }
        out.flush();
    }
}
