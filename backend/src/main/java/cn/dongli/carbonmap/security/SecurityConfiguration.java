package cn.dongli.carbonmap.security;

import java.io.IOException;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may do what. Reads (layers, features, indicators, the web application) are open to anonymous users unless
 * {@code carbonmap.anonymous-read=false}; every write needs an account with a write role, authenticated with HTTP
 * Basic (scripts) for now. Refusals are problem JSON: 401 without credentials, 403 with the wrong role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] WRITE_ROLES = {Role.ADMIN.name(), Role.EDITOR.name()};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AccountStore accounts) {
        return username -> accounts.find(username)
                .map(a -> User.withUsername(a.username()).password(a.passwordHash()).disabled(!a.enabled())
                        .roles(a.roles().stream().map(Role::name).collect(Collectors.toSet()).toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityPolicy policy) throws Exception {
        boolean anonymousRead = policy.anonymousRead();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint((req, res, e) -> problem(res, 401,
                        "unauthenticated", "Authentication required", "sign in with an account to do this")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) -> problem(res, 401, "unauthenticated",
                                "Authentication required", "sign in with an account to do this"))
                        .accessDeniedHandler((req, res, e) -> problem(res, 403, "forbidden", "Forbidden",
                                "your account's role does not allow this")))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll();
                    auth.requestMatchers(HttpMethod.POST, "/api/**").hasAnyRole(WRITE_ROLES);
                    auth.requestMatchers(HttpMethod.PUT, "/api/**").hasAnyRole(WRITE_ROLES);
                    auth.requestMatchers(HttpMethod.PATCH, "/api/**").hasAnyRole(WRITE_ROLES);
                    auth.requestMatchers(HttpMethod.DELETE, "/api/**").hasAnyRole(WRITE_ROLES);
                    if (anonymousRead) {
                        auth.anyRequest().permitAll();
                    } else {
                        auth.anyRequest().authenticated();
                    }
                });
        return http.build();
    }

    private static void problem(HttpServletResponse res, int status, String code, String title, String detail)
            throws IOException {
        res.setStatus(status);
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"CarbonMap\"");
        }
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"urn:carbonmap:problem:" + code + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
    }
}
