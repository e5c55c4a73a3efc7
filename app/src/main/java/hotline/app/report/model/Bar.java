package hotline.app.report.model;

/** One bar of a chart: a label and a count. */
public record Bar(String label, long value) {
}
