package hotline.app.account;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The logged-in person as a domain {@link Actor}. */
@Component
public class CurrentActor {

    public Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof HotlineUser user) {
            return user.actor();
        }
        throw new IllegalStateException("no authenticated hotline user in this request");
    }

    public Role role() {
        return get().role();
    }
}
