package hotline.failover.procedure;

/** The procedure store did not answer (in time): the run's progress could not be read or persisted. Retry later. */
public class ProcedureStoreUnavailableException extends RuntimeException {

    public ProcedureStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
