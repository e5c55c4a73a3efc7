package hotline.app.site;

import hotline.app.site.model.SiteState;

/**
 * Work a STANDBY does just before its promotion commits, while it still refuses writes: whatever it sets up
 * there sees none of the site's writes as ACTIVE go by. Best effort: a preparation that fails logs why and the
 * promotion goes on (nothing here may make a failover fail).
 */
public interface PromotionPreparation {

    /** @param standby this site now (STANDBY); @param epoch the epoch it is promoted to */
    void beforePromotion(SiteState standby, long epoch);
}
