package hotline.app.roster.model;

/** Someone on a shift: an agent, or the project lead. */
public record Member(String username, boolean lead) {
}
