package cn.dongli.carbonmap.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Signing in and out of the web application: {@code POST /api/session} with a name and password starts a session
 * (a new session id: no fixation), {@code GET} says who is signed in and what they may write, {@code DELETE} signs out.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {

    /** A sign-in. */
    record Credentials(String username, String password) {
    }

    private final AuthenticationManager authentication;
    private final SecurityContextRepository contexts;
    private final EditPermissions permissions;
    private final SecurityPolicy policy;
    private final AuditLog audit;

    SessionController(AuthenticationManager authentication, SecurityContextRepository contexts,
                      EditPermissions permissions, SecurityPolicy policy, AuditLog audit) {
        this.authentication = authentication;
        this.contexts = contexts;
        this.permissions = permissions;
        this.policy = policy;
        this.audit = audit;
    }

    @PostMapping
    Map<String, Object> signIn(@RequestBody Credentials credentials, HttpServletRequest request,
                               HttpServletResponse response) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            throw ProblemException.badRequest("invalid-credentials", "send {\"username\": …, \"password\": …}");
        }
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(
                credentials.username(), credentials.password());
        token.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
        Authentication result;
        try {
            result = authentication.authenticate(token);
        } catch (TooManyAttemptsException e) {
            throw new ProblemException(429, "too-many-attempts", "Too many failed sign-ins", e.getMessage(),
                    Map.of("retryAfterSeconds", e.retryAfterSeconds()));
        } catch (AuthenticationException e) {
            throw new ProblemException(401, "bad-credentials", "Sign-in failed",
                    "the name or the password is wrong, or the account is disabled");
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(result);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        audit.record(result.getName(), "login", "signed in to the web application");
        return describe(((AccountPrincipal) result.getPrincipal()).account());
    }

    @GetMapping
    Map<String, Object> current() {
        return Accounts.current().map(this::describe).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("authenticated", false);
            m.put("anonymousRead", policy.anonymousRead());
            return m;
        });
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void signOut(HttpServletRequest request) {
        Accounts.current().ifPresent(a -> audit.record(a.username(), "logout", "signed out"));
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private Map<String, Object> describe(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authenticated", true);
        m.put("username", a.username());
        m.put("roles", a.roles().stream().map(Role::name).sorted().toList());
        m.put("layers", a.layers());
        m.put("street", a.streetCode() == null ? null : permissions.street(a.streetCode())
                .map(s -> Map.of("code", s.code(), "name", s.name()))
                .orElse(Map.of("code", a.streetCode(), "name", a.streetCode())));
        m.put("canWrite", permissions.canWrite(a));
        m.put("planValues", a.mayEnterPlanValues());
        return m;
    }
}
