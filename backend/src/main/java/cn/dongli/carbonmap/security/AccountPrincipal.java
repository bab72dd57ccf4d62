package cn.dongli.carbonmap.security;

import java.util.Collection;
import java.util.List;

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
