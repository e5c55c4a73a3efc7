package hotline.app.account;

import hotline.app.account.model.Actor;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/** Spring Security's view of an account. Serializable: it lives in the HTTP session. */
public final class HotlineUser implements UserDetails, CredentialsContainer, Serializable {

    private final String username;
    private final String displayName;
    private final String role;
    private final String departmentId;
    private final boolean enabled;
    private String passwordHash;

    HotlineUser(Account account) {
        this.username = account.username();
        this.displayName = account.displayName();
        this.role = account.role().name();
        this.departmentId = account.departmentId();
        this.enabled = account.enabled();
        this.passwordHash = account.passwordHash();
    }

    public Actor actor() {
        return new Actor(username, hotline.app.account.model.Role.valueOf(role), departmentId);
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
