package hotline.app.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import hotline.app.site.PeerView;
import hotline.app.site.SiteProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the other site's members are in the grid. Only then does every journal entry have a synchronous
 * backup at the other site, so only then is this site <em>protected</em>: an acknowledged write survives the
 * loss of this whole site. An unprotected ACTIVE keeps serving and says so (metric, health, log, desk).
 */
@Component
class GridPeerView implements PeerView, MembershipListener {

    private static final Logger log = LoggerFactory.getLogger(GridPeerView.class);

    private final HazelcastInstance hazelcast;
    private final String siteId;
    private volatile boolean protectedByPeer;

    GridPeerView(HazelcastInstance hazelcast, SiteProperties site, MeterRegistry registry) {
        this.hazelcast = hazelcast;
        this.siteId = site.id();
        hazelcast.getCluster().addMembershipListener(this);
        this.protectedByPeer = computeProtected();
        if (!protectedByPeer) {
            log.warn("site {} is UNPROTECTED: no member of another site in the grid, acknowledged writes have no "
                    + "cross-site journal backup", siteId);
        }
        Gauge.builder("hotline.site.protected", this, v -> v.protectedByPeer() ? 1 : 0)
                .description("1 when the other site's grid members hold the journal backup, 0 when unprotected")
                .register(registry);
        Gauge.builder("hotline.grid.members", this, v -> v.hazelcast.getCluster().getMembers().size())
                .description("members in the cross-site grid").register(registry);
    }

    @Override
    public boolean protectedByPeer() {
        return protectedByPeer;
    }

    @Override
    public List<String> presentSites() {
        return hazelcast.getCluster().getMembers().stream().map(m -> m.getAttribute(GridConfiguration.SITE_ATTRIBUTE))
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    private boolean computeProtected() {
        for (Member member : hazelcast.getCluster().getMembers()) {
            String site = member.getAttribute(GridConfiguration.SITE_ATTRIBUTE);
            if (site != null && !site.equals(siteId)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        update("member of site " + event.getMember().getAttribute(GridConfiguration.SITE_ATTRIBUTE) + " joined");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        update("member of site " + event.getMember().getAttribute(GridConfiguration.SITE_ATTRIBUTE) + " left");
    }

    private synchronized void update(String what) {
        boolean now = computeProtected();
        if (now != protectedByPeer) {
            protectedByPeer = now;
            if (now) {
                log.info("site {} is protected again: {}", siteId, what);
            } else {
                log.warn("site {} is UNPROTECTED: {}; acknowledged writes have no cross-site journal backup", siteId, what);
            }
        }
    }
}
