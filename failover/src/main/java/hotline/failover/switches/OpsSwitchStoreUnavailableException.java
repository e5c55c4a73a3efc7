package hotline.failover.switches;

/** The switch store did not answer; nothing was changed by the call that threw it. */
public final class OpsSwitchStoreUnavailableException extends RuntimeException {

    public OpsSwitchStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
