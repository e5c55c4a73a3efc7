package hotline.failover.procedure;

import java.time.Duration;

/** Drives a run like the controller's loop does: advance, wait one retry period, advance again. */
final class Runs {

    private Runs() {
    }

    static ProcedureRun toTheEnd(ProcedureRunner runner, Procedure procedure, ProcedureRun run, FakeWorld world) {
        for (int pass = 0; pass < 200 && !run.status().finished(); pass++) {
            world.clock.advance(Duration.ofSeconds(1));
            run = runner.advance(procedure, run);
        }
        return run;
    }
}
