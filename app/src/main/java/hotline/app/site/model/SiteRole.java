package hotline.app.site.model;

/** What a site does now. Roles are data kept in the site's own database, not build-time configuration. */
public enum SiteRole {
    /** Accepts writes, owns routing, feeds the journal. */
    ACTIVE,
    /** Warm: replicates from the active site, serves reads, refuses writes, ready to be promoted. */
    STANDBY
}
