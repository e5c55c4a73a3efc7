package hotline.app.site;

import hotline.app.site.model.SiteState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health detail "site": a STANDBY is healthy (and ready) but not writable; an unprotected ACTIVE is healthy
 * but says so. Readiness never depends on the role, so both sites stay in their Services; nor on being the
 * {@link LeadReplica} (detail {@code leadReplica}): every replica serves requests.
 */
@Component("site")
class SiteHealthIndicator implements HealthIndicator {

    private final SiteStateService site;
    private final PeerView peers;
    private final LeadReplica lead;

    SiteHealthIndicator(SiteStateService site, PeerView peers, LeadReplica lead) {
        this.site = site;
        this.peers = peers;
        this.lead = lead;
    }

    @Override
    public Health health() {
        SiteState s = site.current();
        return Health.up()
                .withDetail("site", s.siteId())
                .withDetail("role", s.role().name())
                .withDetail("epoch", s.epoch())
                .withDetail("fenced", s.fenced())
                .withDetail("writable", s.writable())
                .withDetail("activeSite", s.activeSite())
                .withDetail("protected", peers.protectedByPeer())
                .withDetail("presentSites", peers.presentSites())
                .withDetail("replica", lead.replica())
                .withDetail("leadReplica", lead.wasLead())
                .build();
    }
}
