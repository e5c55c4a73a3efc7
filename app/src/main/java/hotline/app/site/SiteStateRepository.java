package hotline.app.site;

import hotline.app.jdbc.SqlValues;
import hotline.app.site.model.SiteRole;
import hotline.app.site.model.SiteState;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one {@code site_state} row of this site's database (site-local, never replicated). */
@Repository
class SiteStateRepository {

    private final JdbcClient jdbc;

    SiteStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SiteState> find() {
        return query("select * from site_state");
    }

    /**
     * Takes the site lock exclusively (writes hold it shared, see {@code site_write_guard}): a role change waits
     * for writes in flight and blocks new ones until it commits; then locks the row itself.
     */
    Optional<SiteState> lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('hotline.site_state'))").query().listOfRows();
        return query("select * from site_state for update");
    }

    private Optional<SiteState> query(String sql) {
        return jdbc.sql(sql).query((rs, n) -> new SiteState(rs.getString("site_id"),
                SiteRole.valueOf(rs.getString("role")), rs.getLong("epoch"), rs.getBoolean("fenced"),
                rs.getString("active_site"), SqlValues.instant(rs, "changed_at"), rs.getString("reason"),
                rs.getBoolean("promoted_without_lease"))).optional();
    }

    /** Inserts the first state; false when another instance of this site did it first. */
    boolean insertIfAbsent(SiteState state) {
        return jdbc.sql("""
                        insert into site_state (singleton, site_id, role, epoch, fenced, active_site, changed_at, reason)
                        values (true, :site, :role, :epoch, :fenced, :active, :changed, :reason)
                        on conflict (singleton) do nothing""")
                .param("site", state.siteId()).param("role", state.role().name()).param("epoch", state.epoch())
                .param("fenced", state.fenced()).param("active", state.activeSite())
                .param("changed", SqlValues.ts(state.changedAt())).param("reason", state.reason())
                .update() == 1;
    }

    void update(SiteState state) {
        jdbc.sql("""
                        update site_state set role = :role, epoch = :epoch, fenced = :fenced, active_site = :active,
                               changed_at = :changed, reason = :reason, promoted_without_lease = :withoutLease""")
                .param("role", state.role().name()).param("epoch", state.epoch()).param("fenced", state.fenced())
                .param("withoutLease", state.promotedWithoutLease())
                .param("active", state.activeSite()).param("changed", SqlValues.ts(state.changedAt()))
                .param("reason", state.reason())
                .update();
    }
}
