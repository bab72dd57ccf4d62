package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends what fails in a filter — in the sign-in, before any controller is reached — through the same
 * {@link ProblemHandler} as everything else, so that e.g. an unreachable database during sign-in is a 503 problem and
 * not the servlet container's bare 500. Runs outside Spring Security's filters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FilterFailures extends OncePerRequestFilter {

    private final HandlerExceptionResolver resolver;

    FilterFailures(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            Exception failure = e instanceof ServletException s && s.getCause() instanceof Exception cause ? cause : e;
            if (response.isCommitted() || resolver.resolveException(request, response, null, failure) == null) {
                throw e;
            }
        }
    }
}
