package hotline.failover.routing;

/** The routing objects could not be read or switched (unreachable, timed out, or refused). */
public class RoutingUnavailableException extends RuntimeException {

    public RoutingUnavailableException(String message) {
        super(message);
    }

    public RoutingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
