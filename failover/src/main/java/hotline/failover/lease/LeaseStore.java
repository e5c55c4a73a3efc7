package hotline.failover.lease;

import java.util.Optional;

/**
 * Where the lease naming the ACTIVE site lives: an existing consensus store (a Kubernetes Lease, or a
 * row in the witness PostgreSQL), changed only by compare-and-set. Implementations never retry on their
 * own: the controller's cycle decides what a conflict or an outage means.
 */
public interface LeaseStore {

    /**
     * The stored lease, or empty when none was ever written. Throws {@link LeaseStoreUnavailableException}
     * when the store cannot be reached within its timeout.
     */
    Optional<Lease> read();

    /**
     * Compare-and-set: writes {@code next} only if the stored lease still has
     * {@code expected.resourceVersion()} ({@code expected == null}: only if none exists). Returns the stored
     * lease with its new resourceVersion, or empty if someone else changed it first (conflict, e.g. HTTP
     * 409). Throws {@link LeaseStoreUnavailableException} on timeouts or when the store is unreachable.
     */
    Optional<Lease> compareAndSet(Lease expected, Lease next);

    /** Where the lease lives, for logs and {@code ctl status} (no credentials). */
    String describe();
}
