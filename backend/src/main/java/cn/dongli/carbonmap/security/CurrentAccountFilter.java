package cn.dongli.carbonmap.security;

import java.io.IOException;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.dongli.carbonmap.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Makes every request of a signed-in browser session see its account as it is now, not as it was at sign-in.
 *
 * <p>The session keeps the account read at sign-in, with the password hash it signed in against. On each request
 * this filter reads the account again (one primary-key look-up in a small table) and:
 * <ul>
 *   <li>ends the session — invalidated, the request goes on anonymous — if the account is gone or disabled, or its
 *       password changed since (a new BCrypt hash, even for the same password);</li>
 *   <li>otherwise lets the request run as the account now is: its roles, layer grants, street, plan-values grant.</li>
 * </ul>
 * HTTP Basic requests need nothing of this: they are signed in afresh on each request. The filter sits right after
 * the security context is loaded from the session, before CSRF, authorization and the controllers.
 */
final class CurrentAccountFilter extends OncePerRequestFilter {

    private final AccountStore accounts;
    private final AuditLog audit;

    CurrentAccountFilter(AccountStore accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal signedIn) {
            Optional<AccountStore.Stored> now = accounts.find(signedIn.getUsername());
            if (now.isEmpty() || !now.get().account().enabled()
                    || !now.get().passwordHash().equals(signedIn.getPassword())) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                audit.record(signedIn.getUsername(), "session-ended", now.isEmpty() ? "the account is gone"
                        : !now.get().account().enabled() ? "the account was disabled" : "the password was changed");
            } else if (!now.get().account().equals(signedIn.account())) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(AccountPrincipal.authentication(now.get().account(),
                        now.get().passwordHash(), auth));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
