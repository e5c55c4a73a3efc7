package hotline.app.knowledge;

import hotline.app.ticket.model.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class KnowledgeRepository {

    private final JdbcClient jdbc;

    public KnowledgeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every whitespace-separated term must appear in the title, body or keywords; title hits rank first.
     * Chinese text has no spaces, so a term is matched as a substring, which suits short queries like "停水".
     */
    public List<KnowledgeArticle> search(String query, Category category, int limit) {
        List<String> terms = query == null ? List.of()
                : Arrays.stream(query.trim().split("\\s+")).filter(t -> !t.isEmpty()).limit(5).toList();
        StringBuilder sql = new StringBuilder("select * from knowledge_article where true");
        List<Object> params = new ArrayList<>();
        for (String term : terms) {
            sql.append(" and (title || ' ' || body || ' ' || keywords) ilike ?");
            params.add("%" + escapeLike(term) + "%");
        }
        if (category != null) {
            sql.append(" and (category = ? or category is null)");
            params.add(category.name());
        }
        sql.append(" order by ");
        if (!terms.isEmpty()) {
            sql.append("(title ilike ?) desc, ");
            params.add("%" + escapeLike(terms.get(0)) + "%");
        }
        sql.append("updated_at desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(KnowledgeRepository::map).list();
    }

    public Optional<KnowledgeArticle> findById(UUID id) {
        return jdbc.sql("select * from knowledge_article where id = ?").param(id).query(KnowledgeRepository::map).optional();
    }

    public void upsert(KnowledgeArticle a) {
        jdbc.sql("""
                        insert into knowledge_article (id, title, body, keywords, category, updated_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set title = excluded.title, body = excluded.body,
                          keywords = excluded.keywords, category = excluded.category, updated_at = excluded.updated_at""")
                .params(a.id(), a.title(), a.body(), a.keywords() == null ? "" : a.keywords(),
                        a.category() == null ? null : a.category().name(), java.sql.Timestamp.from(a.updatedAt()))
                .update();
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static KnowledgeArticle map(ResultSet rs, int row) throws SQLException {
        String category = rs.getString("category");
        return new KnowledgeArticle(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body"),
                rs.getString("keywords"), category == null ? null : Category.valueOf(category),
                rs.getTimestamp("updated_at").toInstant());
    }
}
