package hotline.failover.routing;

import java.util.Optional;

/**
 * The objects that carry traffic to a site: the agents' stable URL, the voice border controller's
 * targets and the 12345 platform's callbacks. Switching is idempotent, so a controller that crashed
 * half-way simply switches again.
 */
public interface RoutingSwitch {

    /**
     * The site the routing objects currently send traffic to; empty if not set. Throws
     * {@link RoutingUnavailableException} when unreachable.
     */
    Optional<String> currentSite();

    /**
     * Idempotently send every channel (agents' stable URL, voice border controller, 12345 platform
     * callbacks) to {@code site}.
     */
    void routeTo(String site);

    /** What is switched and where, for logs and {@code ctl status} (no credentials). */
    String describe();
}
