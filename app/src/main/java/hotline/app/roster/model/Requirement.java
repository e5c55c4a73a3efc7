package hotline.app.roster.model;

/** The minimum staffing of one shift and the rule it comes from, in words. */
public record Requirement(int agents, boolean leadRequired, String rule) {
}
