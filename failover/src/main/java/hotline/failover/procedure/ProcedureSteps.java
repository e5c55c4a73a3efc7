package hotline.failover.procedure;

import hotline.failover.routing.RoutingSwitch;

import java.util.Optional;

import static hotline.failover.procedure.Step.step;

/** Steps that switchover and failover share. */
final class ProcedureSteps {

    private ProcedureSteps() {
    }

    /** {@code switchRouting}: every channel to {@code site}; done when the routing objects already name it. */
    static Step switchRouting(RoutingSwitch routing, String site) {
        return step("switchRouting")
                .doneWhen(memo -> routing.currentSite().equals(Optional.of(site)))
                .run(memo -> {
                    routing.routeTo(site);
                    return StepResult.proceed("routing sends every channel to site " + site);
                });
    }
}
