package hotline.failover.decision;

import hotline.failover.lease.Lease;

import java.util.Objects;

/** What reading the lease store gave in this cycle: a lease, no lease yet, or no answer. */
public sealed interface LeaseReading {

    /** The store answered with this lease. */
    record Stored(Lease lease) implements LeaseReading {
        public Stored {
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** The store answered: no lease was ever written (first start of the installation). */
    record NoneStored() implements LeaseReading {
    }

    /** The store did not answer in time: the lease is unknown, not lost. */
    record StoreUnreachable(String detail) implements LeaseReading {
    }

    static LeaseReading of(Lease lease) {
        return new Stored(lease);
    }

    static LeaseReading none() {
        return new NoneStored();
    }

    static LeaseReading unreachable(String detail) {
        return new StoreUnreachable(detail);
    }
}
