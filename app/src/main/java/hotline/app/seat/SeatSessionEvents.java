package hotline.app.seat;

import hotline.app.site.SiteStateService;
import hotline.app.account.HotlineUser;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Form login puts an agent's seat on BREAK, logout takes it OFFLINE. Only interactive logins count:
 * HTTP Basic authenticates every request and must not knock a READY agent back to BREAK.
 */
@Component
class SeatSessionEvents {

    private final SiteStateService site;

    private final SeatService seats;

    SeatSessionEvents(SiteStateService site, SeatService seats) {
        this.site = site;
        this.seats = seats;
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        if (!site.isActive()) {
            return;  // a standby records no seat state; the seat is placed at the active site
        }
        staff(event.getAuthentication()).ifPresent(seats::login);
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        if (!site.isActive()) {
            return;
        }
        staff(event.getAuthentication()).ifPresent(seats::logout);
    }

    private static java.util.Optional<String> staff(Authentication auth) {
        if (auth != null && auth.getPrincipal() instanceof HotlineUser user && user.actor().role().isStaff()) {
            return java.util.Optional.of(user.getUsername());
        }
        return java.util.Optional.empty();
    }
}
