package hotline.app.replication;

/** Replication could not do what it had to; the message says what and, where known, what to do. */
public class ReplicationException extends RuntimeException {
    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
