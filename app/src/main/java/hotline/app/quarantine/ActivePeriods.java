package hotline.app.quarantine;

import hotline.app.jdbc.SqlValues;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This site's ACTIVE periods ({@code quarantine_active_period}, site-local): when each began (the promotion's
 * commit time in this database), when the site was found STANDBY again, and whether its orphans were looked for.
 */
@Repository
class ActivePeriods {

    /**
     * @param orphansFound  what the scan found; null when not scanned (or scanned before the count was kept)
     * @param rowsRewritten rows of the period that are no orphan but carry a version the new active lacks (same)
     */
    record Period(long epoch, Instant since, Instant endedAt, Instant scannedAt, String summary, Integer orphansFound,
                  Integer rowsRewritten) {
    }

    private final JdbcClient jdbc;

    ActivePeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the current period if this site is ACTIVE and it is not recorded yet. Its start is the earlier of
     * the role row's commit time and its {@code changed_at}: never later than the promotion, so no write of the
     * period falls before it. True when a period was recorded now.
     */
    boolean recordIfActive() {
        return jdbc.sql("""
                        insert into quarantine_active_period (epoch, active_since)
                        select s.epoch, least(s.changed_at, coalesce(case when current_setting('track_commit_timestamp') = 'on'
                                                                    then pg_xact_commit_timestamp(s.xmin) end, s.changed_at))
                        from site_state s where s.role = 'ACTIVE'
                        on conflict (epoch) do nothing""").update() > 0;
    }

    /** A STANDBY ends its open periods now: before CDC from the new active starts writing here. */
    int closeOpen() {
        return jdbc.sql("""
                update quarantine_active_period set ended_at = now()
                where ended_at is null and exists (select 1 from site_state where role = 'STANDBY')""").update();
    }

    List<Period> unscanned() {
        return jdbc.sql("select * from quarantine_active_period where ended_at is not null and scanned_at is null order by epoch")
                .query((rs, n) -> period(rs)).list();
    }

    Optional<Period> latestEnded() {
        return jdbc.sql("select * from quarantine_active_period where ended_at is not null order by epoch desc limit 1")
                .query((rs, n) -> period(rs)).optional();
    }

    void markScanned(long epoch, String summary, int orphansFound, int rowsRewritten) {
        jdbc.sql("""
                        update quarantine_active_period set scanned_at = now(), scan_summary = :s, orphans_found = :o,
                            rows_rewritten = :r where epoch = :e""")
                .param("s", summary).param("o", orphansFound).param("r", rowsRewritten).param("e", epoch).update();
    }

    private static Period period(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Period(rs.getLong("epoch"), SqlValues.instant(rs, "active_since"), SqlValues.instant(rs, "ended_at"),
                SqlValues.instant(rs, "scanned_at"), rs.getString("scan_summary"), (Integer) rs.getObject("orphans_found"),
                (Integer) rs.getObject("rows_rewritten"));
    }
}
