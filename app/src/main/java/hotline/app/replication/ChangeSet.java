package hotline.app.replication;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Everything one source transaction changed: the unit that is applied atomically at the standby and the value
 * of a journal entry.
 *
 * @param sourceSite the site where the transaction committed
 * @param epoch      that site's epoch when it committed
 * @param xid        the source transaction id (32-bit, as logical decoding reports it)
 * @param committedAt when it committed at the source
 * @param changes    its row changes in order
 */
public record ChangeSet(String sourceSite, long epoch, long xid, Instant committedAt, List<RowChange> changes)
        implements Serializable {

    public ChangeSet {
        changes = List.copyOf(changes);
    }

    /** The journal key: source site and transaction id. */
    public String journalKey() {
        return journalKey(sourceSite, xid);
    }

    public static String journalKey(String sourceSite, long xid) {
        return sourceSite + ":" + xid;
    }
}
