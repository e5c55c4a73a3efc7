package hotline.failover.lease;

/**
 * The lease store could not be reached, or did not answer within its timeout. The lease is then
 * unknown, not lost: an ACTIVE site that cannot renew before its deadline fences itself.
 */
public class LeaseStoreUnavailableException extends RuntimeException {

    public LeaseStoreUnavailableException(String message) {
        super(message);
    }

    public LeaseStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
