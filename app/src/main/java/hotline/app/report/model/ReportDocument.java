package hotline.app.report.model;

import java.util.List;
import java.util.Objects;

/** A report as data: title, the period it covers, and its sections. Exports render exactly this. */
public record ReportDocument(ReportKind kind, String title, String period, String generatedAt, List<Section> sections) {

    public ReportDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
    }

    public Section section(String key) {
        return sections.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("report " + title + " has no section " + key));
    }
}
