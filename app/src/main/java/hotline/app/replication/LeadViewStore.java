package hotline.app.replication;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The site-local {@code replication_lead_view}: the replication view of the site's lead replica, for the replicas that
 * run no CDC engine. Ages are measured on the database's clock, the one clock every replica of the site shares.
 */
@Component
class LeadViewStore {

    /** A published view, as a replica reads it. */
    record Published(String replica, String view, double ageSeconds) {
    }

    private final JdbcClient jdbc;

    LeadViewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code view} as the site's lead view if, and only if, the session named {@code lockSession} holds an
     * advisory lock in this database right now (only the lead replica's lock session holds one): a replica whose lock
     * session has just ended, and which has not noticed yet, cannot overwrite the new lead's view.
     *
     * @return whether it was stored
     */
    boolean publish(String site, String replica, String lockSession, String view) {
        return jdbc.sql("""
                        insert into replication_lead_view (site, replica, view, published_at)
                        select :site, :replica, cast(:view as jsonb), clock_timestamp()
                        where exists (select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
                                      where l.locktype = 'advisory' and l.granted and a.datname = current_database()
                                        and l.database = (select oid from pg_database where datname = current_database())
                                        and a.application_name = :session)
                        on conflict (site) do update
                            set replica = excluded.replica, view = excluded.view, published_at = excluded.published_at""")
                .param("site", site).param("replica", replica).param("view", view).param("session", lockSession)
                .update() == 1;
    }

    Optional<Published> read(String site) {
        return jdbc.sql("""
                        select replica, view::text, extract(epoch from clock_timestamp() - published_at)::float8
                        from replication_lead_view where site = :site""")
                .param("site", site)
                .query((rs, n) -> new Published(rs.getString(1), rs.getString(2), rs.getDouble(3)))
                .optional();
    }
}
