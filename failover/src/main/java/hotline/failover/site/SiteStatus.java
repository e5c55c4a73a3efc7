package hotline.failover.site;

import hotline.failover.decision.SiteRole;

/** A site's answer to {@code GET /api/site}: its role, epoch and fence. */
public record SiteStatus(String site, SiteRole role, long epoch, boolean fenced, boolean writable, String activeSite) {

    public boolean isActiveAt(long atEpoch) {
        return role == SiteRole.ACTIVE && epoch == atEpoch;
    }
}
