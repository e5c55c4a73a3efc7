package hotline.failover.capacity;

/** The API server did not read or patch the app Deployment (unreachable, forbidden, not found). */
public final class ScalingUnavailableException extends RuntimeException {

    public ScalingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
