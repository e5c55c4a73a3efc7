package hotline.app.site;

import java.util.List;

/**
 * What this site knows of the other site through the cross-site grid: whether the other site's members are
 * present (so the journal has a backup there: the site is <em>protected</em>) and which sites they belong to.
 */
public interface PeerView {

    boolean protectedByPeer();

    List<String> presentSites();
}
