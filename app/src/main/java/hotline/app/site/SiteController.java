package hotline.app.site;

import hotline.app.site.model.SiteState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The site's role for desks ({@code GET /api/site}: which site answered, its epoch, whether it is protected
 * by the other site) and the role changes the failover controller and ops make ({@code /api/ops/site/*}).
 */
@RestController
class SiteController {

    private static final Logger log = LoggerFactory.getLogger(SiteController.class);

    private final SiteStateService site;
    private final PeerView peers;

    SiteController(SiteStateService site, PeerView peers) {
        this.site = site;
        this.peers = peers;
    }

    record SiteView(String site, String role, long epoch, boolean fenced, boolean writable, String activeSite,
                    Instant changedAt, String reason, boolean promotedWithoutLease, boolean protectedByPeer,
                    List<String> presentSites) {
    }

    /** {@code withoutLease}: ops promote while the lease authority does not answer (`ctl failover --without-witness`). */
    record Promotion(@NotNull @Positive Long epoch, @Size(max = 500) String reason, Boolean withoutLease) {
    }

    record LeaseTaken(@NotNull @Positive Long epoch, @Size(max = 500) String reason) {
    }

    record Demotion(@NotNull @Positive Long epoch, @NotBlank @Size(max = 16) String activeSite,
                    @Size(max = 500) String reason) {
    }

    record Fence(@Size(max = 500) String reason) {
    }

    /** Read through to the database: any replica of the site answers, also right after another one changed the role. */
    @GetMapping({"/api/site", "/api/ops/site"})
    SiteView view() {
        return view(site.readThrough());
    }

    @PostMapping("/api/ops/site/promote")
    SiteView promote(@Valid @RequestBody Promotion body, Authentication who) {
        boolean withoutLease = Boolean.TRUE.equals(body.withoutLease());
        return view(site.promote(body.epoch(), reason(withoutLease ? "promoted WITHOUT THE LEASE" : "promoted",
                body.reason(), who), withoutLease));
    }

    @PostMapping("/api/ops/site/lease-taken")
    SiteView leaseTaken(@Valid @RequestBody LeaseTaken body, Authentication who) {
        return view(site.leaseTaken(body.epoch(), reason("lease taken at epoch " + body.epoch(), body.reason(), who)));
    }

    @PostMapping("/api/ops/site/demote")
    SiteView demote(@Valid @RequestBody Demotion body, Authentication who) {
        return view(site.demote(body.epoch(), body.activeSite(), reason("demoted", body.reason(), who)));
    }

    @PostMapping("/api/ops/site/fence")
    SiteView fence(@Valid @RequestBody(required = false) Fence body, Authentication who) {
        return view(site.fence(reason("fenced", body == null ? null : body.reason(), who)));
    }

    @PostMapping("/api/ops/site/unfence")
    SiteView unfence(@Valid @RequestBody(required = false) Fence body, Authentication who) {
        return view(site.unfence(reason("unfenced", body == null ? null : body.reason(), who)));
    }

    private static String reason(String what, String given, Authentication who) {
        String text = what + " by " + who.getName() + (given == null || given.isBlank() ? "" : ": " + given.strip());
        log.info("site role change requested: {}", text);
        return text;
    }

    private SiteView view(SiteState s) {
        return new SiteView(s.siteId(), s.role().name(), s.epoch(), s.fenced(), s.writable(), s.activeSite(),
                s.changedAt(), s.reason(), s.promotedWithoutLease(), peers.protectedByPeer(), peers.presentSites());
    }
}
