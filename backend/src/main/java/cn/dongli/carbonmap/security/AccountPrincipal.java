package cn.dongli.carbonmap.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in account, as Spring Security holds it. */
final class AccountPrincipal implements UserDetails {

    private static final long serialVersionUID = 1L;

    private final Account account;
    private final String passwordHash;

    AccountPrincipal(Account account, String passwordHash) {
        this.account = account;
        this.passwordHash = passwordHash;
    }

    Account account() {
        return account;
    }

    /**
     * A signed-in authentication of the account as it is now, keeping the details (address, session) of the one it
     * replaces.
     */
    static Authentication authentication(Account account, String passwordHash, Authentication replaced) {
        AccountPrincipal p = new AccountPrincipal(account, passwordHash);
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.authenticated(p, null,
                p.getAuthorities());
        t.setDetails(replaced == null ? null : replaced.getDetails());
        return t;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> list = new java.util.ArrayList<>();
        for (Role r : account.roles()) {
            list.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
        }
        return list;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }
}
