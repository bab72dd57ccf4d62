package cn.dongli.carbonmap.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import cn.dongli.carbonmap.audit.AuditLog;

/**
 * Password sign-in (HTTP Basic and the session API alike) with the {@link LoginThrottle} in front of it.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, AuditLog audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "?";
        long blocked = throttle.secondsBlocked(username, address);
        if (blocked > 0) {
            audit.record(username, "login-throttled", "sign-in refused for " + blocked + " s after repeated failures");
            throw new TooManyAttemptsException(blocked);
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (InternalAuthenticationServiceException e) {
            // the accounts could not be read (e.g. the database is unreachable): not the user's mistake, so neither
            // a failed sign-in nor a 401; the storage failure goes on to be reported as what it is
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            audit.record(username, "login-failed", e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
