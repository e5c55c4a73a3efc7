package hotline.failover.procedure;

/** Another run is unfinished, or another controller advanced this run first: re-read before doing anything. */
public class ProcedureConflictException extends RuntimeException {

    public ProcedureConflictException(String message) {
        super(message);
    }
}
