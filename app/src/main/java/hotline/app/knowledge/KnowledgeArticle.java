package hotline.app.knowledge;

import hotline.app.ticket.model.Category;

import java.time.Instant;
import java.util.UUID;

/** A knowledge-base article agents answer from directly (直接解答). */
public record KnowledgeArticle(UUID id, String title, String body, String keywords, Category category,
                               Instant updatedAt) {
}
