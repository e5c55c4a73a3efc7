package hotline.app.replication;

/** An operation only the site's lead replica can do was sent to another replica; the message names the lead. */
public class NotLeadReplicaException extends ReplicationException {
    public NotLeadReplicaException(String message) {
        super(message);
    }
}
