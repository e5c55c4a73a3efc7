package hotline.failover.site;

import hotline.failover.decision.SiteRole;

/**
 * A site's answer to {@code GET /api/site}: its role, epoch and fence; {@code promotedWithoutLease} while ops promoted
 * it without the lease authority (`ctl failover --without-witness`) and its controller has not taken the lease yet.
 */
public record SiteStatus(String site, SiteRole role, long epoch, boolean fenced, boolean writable, String activeSite,
                         boolean promotedWithoutLease) {

    public SiteStatus(String site, SiteRole role, long epoch, boolean fenced, boolean writable, String activeSite) {
        this(site, role, epoch, fenced, writable, activeSite, false);
    }

    public boolean isActiveAt(long atEpoch) {
        return role == SiteRole.ACTIVE && epoch == atEpoch;
    }
}
