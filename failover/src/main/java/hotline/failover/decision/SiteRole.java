package hotline.failover.decision;

/** A site's role as the site itself reports it ({@code GET /api/site}). */
public enum SiteRole {
    ACTIVE,
    STANDBY
}
