package hotline.app.site;

import hotline.app.site.model.SiteRole;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This site's identity and the role it takes on its very first start. {@code id} is a short lowercase
 * name ("a", "b") recorded in every history entry and used as the ticket-number prefix, so numbers never
 * collide between sites. {@code initialRole}, {@code initialEpoch} and {@code initialActiveSite} only seed
 * an empty database: afterwards the role is data, changed at runtime by the failover controller.
 *
 * <p>{@code fenceOnRestart}: an ACTIVE site that starts again after it was down (no other replica of it running)
 * starts fenced, and its failover controller lifts the fence once it has renewed the site's lease, or demotes the
 * site when the other site took the lease meanwhile. Set wherever a controller runs (the local stack with
 * controllers, the Helm chart); off by default, since a site without a controller would stay fenced.
 */
@Validated
@ConfigurationProperties("hotline.site")
public record SiteProperties(
        @Pattern(regexp = "[a-z][a-z0-9]{0,7}", message = "must be 1-8 lowercase letters or digits, starting with a letter")
        String id,
        SiteRole initialRole,
        Long initialEpoch,
        @Pattern(regexp = "[a-z][a-z0-9]{0,7}", message = "must be 1-8 lowercase letters or digits, starting with a letter")
        String initialActiveSite,
        Boolean fenceOnRestart) {

    public SiteProperties {
        id = id == null ? "a" : id;
        initialRole = initialRole == null ? SiteRole.ACTIVE : initialRole;
        initialEpoch = initialEpoch == null ? 1L : initialEpoch;
        fenceOnRestart = fenceOnRestart != null && fenceOnRestart;
        if (initialRole == SiteRole.ACTIVE) {
            initialActiveSite = id;
        } else if (initialActiveSite == null || initialActiveSite.equals(id)) {
            throw new IllegalArgumentException("hotline.site.initial-active-site must name the other site when "
                    + "hotline.site.initial-role is STANDBY (site " + id + ")");
        }
    }
}
