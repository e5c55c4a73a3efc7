package hotline.failover.procedure;

import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.SiteClient;

import java.util.Optional;

import static hotline.failover.procedure.Step.step;

/** Steps that switchover and failover share. */
final class ProcedureSteps {

    private ProcedureSteps() {
    }

    /**
     * {@code switchSeats}: the new active maps the logged-in agents to its seat plan for {@code epoch} (idempotent at
     * the site per epoch; the site also does it by itself on promotion, this step confirms it and records the
     * outcome in the run).
     */
    static Step switchSeats(SiteClient site, long epoch) {
        return step("switchSeats")
                .run(memo -> StepResult.proceed(site.switchSeats(epoch)));
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
