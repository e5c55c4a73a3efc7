package hotline.app.account;

import hotline.app.site.SiteProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I: the desk asks this first to decide which views to show. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final SiteProperties site;

    MeController(SiteProperties site) {
        this.site = site;
    }

    record Me(String username, String displayName, String role, String departmentId, String site) {
    }

    @GetMapping
    Me me(@AuthenticationPrincipal HotlineUser user) {
        var actor = user.actor();
        return new Me(actor.username(), user.displayName(), actor.role().name(), actor.departmentId(), site.id());
    }
}
