package cn.dongli.carbonmap.security;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import cn.dongli.carbonmap.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may do what, and how they sign in.
 *
 * <ul>
 *   <li>Browsers sign in through {@code POST /api/session} and hold a session cookie; every write they make carries the
 *       CSRF token of the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}.</li>
 *   <li>Scripts use HTTP Basic on each request, sent without being asked (curl {@code -u}, GDAL, QGIS, OWSLib do):
 *       no session, no CSRF token. No answer ever carries a Basic challenge ({@code WWW-Authenticate}), so a browser
 *       never asks its user for Basic credentials and never caches them for other sites' requests to ride on.</li>
 *   <li>{@link WriteBoundary}: a write from a page of another site ({@code Origin}, {@code Sec-Fetch-Site}) is
 *       refused whatever its credentials; a body must have its endpoint's documented type (415).</li>
 *   <li>Reads are anonymous unless {@code carbonmap.anonymous-read=false}; writes need an account, and
 *       {@link EditPermissions} decides per layer, role and street; accounts are for admins.</li>
 *   <li>A browser session sees its account as it is now ({@link CurrentAccountFilter}): disabling the account or
 *       changing its password ends the session, a change of roles, layers, street or plan-values grant applies at
 *       its next request.</li>
 *   <li>Failed sign-ins are throttled ({@link LoginThrottle}): 429 with Retry-After.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AccountStore accounts) {
        return username -> accounts.find(username).map(s -> new AccountPrincipal(s.account(), s.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder,
                                                LoginThrottle throttle, AuditLog audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, audit));
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityPolicy policy, AuthenticationManager manager,
                                            SecurityContextRepository contexts, AccountStore accounts, AuditLog audit)
            throws Exception {
        RequestMatcher basicAuth = request -> {
            String h = request.getHeader("Authorization");
            return h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
        };
        RequestMatcher signIn = request -> "POST".equals(request.getMethod())
                && "/api/session".equals(request.getRequestURI());
        // without a session cookie a request cannot ride on a signed-in browser: it is anonymous, and refused (401)
        // by the rules below if it writes
        RequestMatcher noSession = request -> request.getRequestedSessionId() == null;
        http.authenticationManager(manager)
                .securityContext(c -> c.securityContextRepository(contexts))
                // a session sees its account as it is now: disabled or new password ends it, roles and grants as now
                .addFilterAfter(new CurrentAccountFilter(accounts, audit), SecurityContextHolderFilter.class)
                // a write from a page of another site: refused before any credentials are looked at
                .addFilterBefore(WriteBoundary.crossSite(policy), CsrfFilter.class)
                // a body of a type the endpoint does not document: 415, once 401 and 403 have had their say
                .addFilterAfter(WriteBoundary.contentTypes(), AuthorizationFilter.class)
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(basicAuth, signIn, noSession))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthenticated))
                .formLogin(form -> form.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(policy.contentSecurityPolicy()))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy("geolocation=(self), camera=(), microphone=()")))
                .logout(logout -> logout.disable())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(SecurityConfiguration::unauthenticated)
                        .accessDeniedHandler(SecurityConfiguration::denied))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll();
                    auth.requestMatchers("/api/session").permitAll();
                    auth.requestMatchers("/api/accounts/**", "/api/accounts", "/api/audit").hasRole(Role.ADMIN.name());
                    // plan values: admins, and editors granted them (PlanIndicatorController checks the grant)
                    auth.requestMatchers(HttpMethod.POST, "/api/plan/**").hasAnyRole(Role.ADMIN.name(),
                            Role.EDITOR.name());
                    // planning scenarios are internal working documents: never anonymous
                    auth.requestMatchers("/api/scenarios", "/api/scenarios/**", "/api/metrics/compare",
                            "/api/metrics/compare.xlsx", "/api/metrics/compare.pdf").authenticated();
                    for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                            HttpMethod.DELETE}) {
                        auth.requestMatchers(m, "/api/**").authenticated();
                    }
                    // the page itself, so that it can show its own sign-in when reading needs an account
                    auth.requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.ico",
                            "/favicon.svg", "/error").permitAll();
                    if (policy.anonymousRead()) {
                        auth.anyRequest().permitAll();
                    } else {
                        auth.anyRequest().authenticated();
                    }
                });
        return http.build();
    }

    private static void denied(HttpServletRequest req, HttpServletResponse res, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            problem(res, 403, "csrf", "CSRF token missing or stale",
                    "send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header (it changes at sign-in)");
        } else {
            problem(res, 403, "forbidden", "Forbidden", req.getRequestURI().startsWith("/api/accounts")
                    ? "only admins manage accounts" : "your account's role does not allow this");
        }
    }

    private static void unauthenticated(HttpServletRequest req, HttpServletResponse res, AuthenticationException e)
            throws IOException {
        if (e instanceof TooManyAttemptsException t) {
            res.setHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
            problem(res, 429, "too-many-attempts", "Too many failed sign-ins", e.getMessage());
            return;
        }
        // no WWW-Authenticate: a Basic challenge would make a browser ask for credentials and then send them with
        // every request, those other sites start included (scripts send theirs unasked)
        problem(res, 401, "unauthenticated", "Authentication required", "sign in with an account to do this");
    }

    static void problem(HttpServletResponse res, int status, String code, String title, String detail)
            throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"urn:carbonmap:problem:" + code + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\",\"code\":\"" + code
                + "\"}");
    }
}
