package hotline.failover.capacity;

import java.util.OptionalInt;

import hotline.failover.decision.SiteObservation;
import hotline.failover.decision.SiteRole;

/**
 * How many app replicas one site runs in each role: the active site carries the agents (site B's 10-seat plan after a
 * failover), the standby only replicates and stays warm. Zero for a role means "leave the count as it is".
 *
 * @param activeReplicas  replicas while the site is ACTIVE (the chart's {@code failoverController.promotedReplicas})
 * @param standbyReplicas replicas while the site is STANDBY (the chart's {@code app.replicas})
 */
public record CapacityPlan(int activeReplicas, int standbyReplicas) {

    public CapacityPlan {
        if (activeReplicas < 0 || standbyReplicas < 0) {
            throw new IllegalArgumentException("replica counts must be 0 (leave as is) or more, were active="
                    + activeReplicas + " standby=" + standbyReplicas);
        }
    }

    /** True when the plan never resizes anything (the local stack: one process per site). */
    public boolean isEmpty() {
        return activeReplicas == 0 && standbyReplicas == 0;
    }

    /**
     * The replica count the site should have given what its controller saw of it this cycle; empty: leave it.
     * A site that does not answer is never resized: more pods of an app that does not start would not help, and
     * fewer could remove the one that is about to answer.
     */
    public OptionalInt desiredFor(SiteObservation local) {
        if (!local.reachable()) {
            return OptionalInt.empty();
        }
        int wanted = local.role() == SiteRole.ACTIVE ? activeReplicas : standbyReplicas;
        return wanted == 0 ? OptionalInt.empty() : OptionalInt.of(wanted);
    }
}
