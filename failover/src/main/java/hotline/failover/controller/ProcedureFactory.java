package hotline.failover.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import hotline.failover.lease.LeaseStore;
import hotline.failover.procedure.Failback;
import hotline.failover.procedure.Failover;
import hotline.failover.procedure.Procedure;
import hotline.failover.procedure.ProcedureRun;
import hotline.failover.procedure.Switchover;
import hotline.failover.routing.RoutingSwitch;
import hotline.failover.site.SiteClient;

/**
 * Builds the {@link Procedure} a persisted run belongs to from the run's memo, so that a controller restarted after a
 * crash (or the controller of the target site, when the CLI that ran a switchover died) can resume it.
 */
public final class ProcedureFactory {

    private final Map<String, SiteClient> sites;
    private final LeaseStore leases;
    private final RoutingSwitch routing;
    private final Clock clock;
    private final Duration maxLag;
    private final Duration catchUpTimeout;
    private final Duration reverseReplicationTimeout;
    private final Duration drainTimeout;

    public ProcedureFactory(Map<String, SiteClient> sites, LeaseStore leases, RoutingSwitch routing, Clock clock,
                            Duration maxLag, Duration catchUpTimeout, Duration reverseReplicationTimeout,
                            Duration drainTimeout) {
        this.sites = Map.copyOf(sites);
        this.leases = leases;
        this.routing = routing;
        this.clock = clock;
        this.maxLag = maxLag;
        this.catchUpTimeout = catchUpTimeout;
        this.reverseReplicationTimeout = reverseReplicationTimeout;
        this.drainTimeout = drainTimeout;
    }

    public Failover failover(String lost, String to, long fromEpoch, boolean forced) {
        return new Failover(site(lost), site(to), leases, routing, clock, drainTimeout, fromEpoch, forced);
    }

    public Switchover switchover(String from, String to, long fromEpoch) {
        return new Switchover(site(from), site(to), leases, routing, clock, maxLag, catchUpTimeout,
                reverseReplicationTimeout, fromEpoch);
    }

    public Failback failback(String returning, String active, long epoch) {
        return new Failback(site(returning), site(active), leases, Duration.ofMinutes(10), epoch);
    }

    /** The procedure of {@code run}, built from its memo (from, to, fromEpoch, forced). */
    public Procedure of(ProcedureRun run) {
        Map<String, String> memo = run.memo();
        long fromEpoch = Long.parseLong(memo.get("fromEpoch"));
        return switch (run.kind()) {
            case Failover.KIND -> failover(memo.get(Failover.FROM), memo.get(Failover.TO), fromEpoch,
                    Boolean.parseBoolean(memo.get(Failover.FORCED)));
            case Switchover.KIND -> switchover(memo.get(Switchover.FROM), memo.get(Switchover.TO), fromEpoch);
            case Failback.KIND -> failback(memo.get(Failback.RETURNING), memo.get(Failback.TO), fromEpoch);
            default -> throw new IllegalArgumentException("run " + run.id() + " is a " + run.kind()
                    + ", which this controller cannot resume");
        };
    }

    /** The site a run makes ACTIVE: its controller is the one that resumes it. */
    public static String targetOf(ProcedureRun run) {
        return run.memo().get("to");
    }

    private SiteClient site(String id) {
        SiteClient client = sites.get(id);
        if (client == null) {
            throw new IllegalArgumentException("unknown site '" + id + "'; the sites are " + sites.keySet());
        }
        return client;
    }
}
