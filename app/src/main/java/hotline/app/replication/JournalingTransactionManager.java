package hotline.app.replication;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The app's transaction manager: on every commit that wrote something, it takes the transaction's row changes
 * (in the transaction, just before COMMIT) and, once COMMIT succeeded, appends them to the cross-site journal
 * before control returns to the code that acknowledges the write.
 */
class JournalingTransactionManager extends JdbcTransactionManager {

    private final transient JournalCapture capture;
    private final transient ReplicationJournal journal;

    JournalingTransactionManager(DataSource dataSource, JournalCapture capture, ReplicationJournal journal) {
        super(dataSource);
        this.capture = capture;
        this.journal = journal;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        ChangeSet changes = null;
        if (!status.isReadOnly() && status.getTransaction() instanceof JdbcTransactionObjectSupport tx
                && tx.hasConnectionHolder()) {
            Connection connection = tx.getConnectionHolder().getConnection();
            try {
                changes = capture.collectOwn(connection);
            } catch (SQLException e) {
                throw new TransactionSystemException("could not collect the transaction's changes for the journal; "
                        + "the transaction is rolled back", e);
            }
        }
        super.doCommit(status);
        if (changes != null) {
            journal.append(changes);
        }
    }
}
