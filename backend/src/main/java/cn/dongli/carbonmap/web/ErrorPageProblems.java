package cn.dongli.carbonmap.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers the servlet container makes itself, through its error page, in problem JSON like every other error:
 * a URL Spring Security's firewall rejects ({@link RejectedRequests}: an encoded semicolon, {@code ..}), a request body
 * the connection stopped delivering (the container answers 408 whatever the handler said). A client error keeps the
 * message it was sent with; a server error says nothing internal.
 *
 * <p>A filter on the error dispatch only, not a controller: Spring Boot's error JSON has neither a problem type nor a
 * code, and {@code /error} is no endpoint of the API.
 */
@Component
class ErrorPageProblems extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ERROR;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s ? s : 500;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail;
        if (status >= 500) {
            detail = "an internal error occurred; it has been logged";
        } else if (message instanceof String m && !m.isBlank()) {
            detail = m;
        } else if (status == 408) {
            detail = "the request did not arrive in time; nothing was written";
        } else {
            HttpStatus known = HttpStatus.resolve(status);
            detail = known == null ? "the request failed with status " + status : known.getReasonPhrase();
        }
        String code = status >= 500 ? "internal-error" : ProblemHandler.codeOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemHandler.type(code).toString());
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        body.put("code", code);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
