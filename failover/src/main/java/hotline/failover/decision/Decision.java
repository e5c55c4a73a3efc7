package hotline.failover.decision;

/**
 * What one controller does in one cycle, with the sentence that explains it. The controller logs the reason every
 * cycle and shows it in {@code ctl status}; tests assert it.
 */
public sealed interface Decision {

    /** One sentence saying what is done (or not) and why, with the figures that decided it. */
    String reason();

    /** Short stable name for metrics and logs ({@code hold}, {@code renew-lease}, …). */
    String action();

    /** Nothing to change this cycle (healthy standby, paused, waiting, or refusing an unsafe move). */
    record Hold(String reason) implements Decision {
        public String action() {
            return "hold";
        }
    }

    /** Write the lease for {@code site} at {@code epoch}: renew it, or create it when none is stored. */
    record RenewLease(String site, long epoch, String reason) implements Decision {
        public String action() {
            return "renew-lease";
        }
    }

    /** Take the expired lease over at {@code newEpoch} (compare-and-set) and, if that wins, run the failover chain. */
    record AcquireLeaseAndPromote(String site, String previousHolder, long newEpoch, String reason) implements Decision {
        public String action() {
            return "acquire-lease-and-promote";
        }
    }

    /**
     * {@code site} was promoted by ops at {@code epoch} while the lease store did not answer; the lease (of
     * {@code previousHolder}, at a lower epoch) has expired: write it for {@code site} at {@code epoch}
     * (compare-and-set), then tell the site it holds its lease.
     */
    record TakeLeaseOfPromotedSite(String site, String previousHolder, long epoch, String reason) implements Decision {
        public String action() {
            return "take-lease-of-promoted-site";
        }
    }

    /** Stop writes at {@code site} now: it can no longer prove it holds the lease. */
    record SelfFence(String site, String reason) implements Decision {
        public String action() {
            return "self-fence";
        }
    }

    /** Lift a self-fence: this controller holds the lease again, with its epoch, freshly renewed. */
    record LiftSelfFence(String site, String reason) implements Decision {
        public String action() {
            return "lift-self-fence";
        }
    }

    /** {@code site} acts ACTIVE but the lease names {@code activeSite} at a later epoch: make it STANDBY at that epoch. */
    record Demote(String site, long epoch, String activeSite, String reason) implements Decision {
        public String action() {
            return "demote";
        }
    }

    /** Ops asked for a planned switchover and its preconditions hold: run the switchover chain. */
    record StartSwitchover(String from, String to, String reason) implements Decision {
        public String action() {
            return "start-switchover";
        }
    }
}
