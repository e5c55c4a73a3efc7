package hotline.app.report;

import hotline.app.report.model.ReportDocument;
import hotline.app.report.model.ReportKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.ts;

/** Generated reports, one per kind and period: generating again replaces the figures (and keeps the id). */
@Repository
class ReportStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReportStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    UUID save(ReportDocument doc, Instant from, Instant to, String trigger, Instant at, String by) {
        return jdbc.sql("""
                        insert into report (id, kind, period_start, period_end, title, trigger, generated_at, generated_by, content)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (kind, period_start, period_end) do update set title = excluded.title,
                          trigger = excluded.trigger, generated_at = excluded.generated_at,
                          generated_by = excluded.generated_by, content = excluded.content
                        returning id""")
                .params(UUID.randomUUID(), doc.kind().name(), ts(from), ts(to), doc.title(), trigger, ts(at), by,
                        json.writeValueAsString(doc))
                .query(UUID.class).single();
    }

    List<StoredReport.Summary> list(ReportKind kind, int limit) {
        return jdbc.sql("select id, kind, title, period_start, period_end, trigger, generated_at, generated_by from report"
                        + " where (cast(? as text) is null or kind = ?) order by period_start desc, kind limit ?")
                .params(kind == null ? null : kind.name(), kind == null ? null : kind.name(), limit)
                .query((rs, i) -> new StoredReport.Summary(rs.getObject("id", UUID.class), ReportKind.valueOf(rs.getString("kind")),
                        rs.getString("title"), instant(rs, "period_start"), instant(rs, "period_end"),
                        rs.getString("trigger"), instant(rs, "generated_at"), rs.getString("generated_by")))
                .list();
    }

    Optional<StoredReport> find(UUID id) {
        return jdbc.sql("select * from report where id = ?").param(id)
                .query((rs, i) -> new StoredReport(rs.getObject("id", UUID.class), ReportKind.valueOf(rs.getString("kind")),
                        rs.getString("title"), instant(rs, "period_start"), instant(rs, "period_end"),
                        rs.getString("trigger"), instant(rs, "generated_at"), rs.getString("generated_by"),
                        json.readValue(rs.getString("content"), ReportDocument.class)))
                .optional();
    }
}
