package hotline.app.knowledge;

import hotline.app.ticket.model.Category;
import hotline.app.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@RestController
@Validated
@RequestMapping("/api/knowledge")
class KnowledgeController {

    private final KnowledgeRepository articles;
    private final Clock clock;

    KnowledgeController(KnowledgeRepository articles, Clock clock) {
        this.articles = articles;
        this.clock = clock;
    }

    @GetMapping
    List<KnowledgeArticle> search(@RequestParam(required = false) @Size(max = 100) String q,
                                  @RequestParam(required = false) Category category) {
        return articles.search(q, category, 20);
    }

    @GetMapping("/{id}")
    KnowledgeArticle get(@PathVariable UUID id) {
        return articles.findById(id).orElseThrow(() -> ApiException.notFound("article " + id));
    }

    record NewArticle(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 8000) String body,
                      @Size(max = 500) String keywords, Category category) {
    }

    /** The project lead maintains the knowledge base. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KnowledgeArticle create(@Valid @RequestBody NewArticle article) {
        KnowledgeArticle created = new KnowledgeArticle(UUID.randomUUID(), article.title().strip(),
                article.body().strip(), article.keywords(), article.category(), clock.instant());
        articles.upsert(created);
        return created;
    }
}
