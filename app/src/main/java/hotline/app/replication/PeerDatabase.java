package hotline.app.replication;

import hotline.app.site.SiteStateService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Connections to the other site's PostgreSQL ({@code hotline.replication.peer-*}): what CDC reads, what the
 * consistency check compares with, and where a demoted site's failback quarantine looks and writes. A fresh
 * connection each time with short connect and socket timeouts: the peer is across the sites' network and may be
 * gone.
 */
@Component
public class PeerDatabase {

    private final ReplicationProperties properties;
    private final SiteStateService site;

    PeerDatabase(ReplicationProperties properties, SiteStateService site) {
        this.properties = properties;
        this.site = site;
    }

    public boolean configured() {
        return properties.hasPeer();
    }

    /** The other site's id, or null when this site runs alone. */
    public String peerSite() {
        return properties.peerSite();
    }

    /** @param purpose shown as the connection's {@code application_name} at the peer */
    public Connection open(String purpose) throws SQLException {
        if (!properties.hasPeer()) {
            throw new ReplicationException("no peer site configured (hotline.replication.peer-site)");
        }
        Properties p = new Properties();
        p.setProperty("user", properties.peerUsername());
        if (properties.peerPassword() != null) {
            p.setProperty("password", properties.peerPassword());
        }
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "hotline-" + site.siteId() + "-" + purpose);
        return DriverManager.getConnection(properties.peerJdbcUrl(), p);
    }
}
