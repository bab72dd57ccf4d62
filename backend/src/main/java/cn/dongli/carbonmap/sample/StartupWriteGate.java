package cn.dongli.carbonmap.sample;

import java.io.IOException;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes before the application is ready — while the first start loads the sample data, say — are answered 503 with
 * Retry-After: a zone imported meanwhile would make the loader's own import fail. Reads and signing in go on. It runs
 * before the security filters, so that every write is answered alike (the admin account may not exist yet).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class StartupWriteGate extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 5;

    private volatile boolean ready;

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ready = true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return ready || "GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m)
                || !request.getRequestURI().startsWith("/api/") || "/api/session".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"urn:carbonmap:problem:starting\",\"title\":\"Starting\",\"status\":503,"
                + "\"detail\":\"CarbonMap is starting (it may be loading the sample data): it takes writes once it is"
                + " ready; try again in " + RETRY_AFTER_SECONDS + " seconds\",\"code\":\"starting\"}");
    }
}
