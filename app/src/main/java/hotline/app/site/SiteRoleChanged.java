package hotline.app.site;

import hotline.app.site.model.SiteState;

/** Published after this site's role, epoch or fence changed (whoever changed it: API, controller, another instance). */
public record SiteRoleChanged(SiteState previous, SiteState current) {
}
