package cn.dongli.carbonmap.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.security.SecurityPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers Tomcat makes before any filter runs — a URL it cannot decode or will not map ({@code %2F},
 * {@code %5C}, {@code %00}, invalid UTF-8), a request line or headers over the size limit — in problem JSON with the
 * same security headers as every other answer, instead of Tomcat's bare HTML page. Tomcat renders these through the
 * host's error report valve; this replaces the one Spring Boot installs (when the context starts, after every customizer). Answers the application already wrote are left alone.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final Map<String, String> headers = new LinkedHashMap<>();

    ContainerErrorReports(SecurityPolicy policy) {
        headers.put("Content-Security-Policy", policy.contentSecurityPolicy());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
        headers.put("Cache-Control", "no-store");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // when the context starts, every customizer (Spring Boot's adds its own valve) has run
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (event.getType().equals(Lifecycle.BEFORE_START_EVENT)) {
                Pipeline host = context.getParent().getPipeline();
                for (Valve v : host.getValves()) {
                    if (v instanceof ErrorReportValve && !(v instanceof ProblemReportValve)) {
                        host.removeValve(v);
                    }
                }
                if (java.util.Arrays.stream(host.getValves()).noneMatch(ProblemReportValve.class::isInstance)) {
                    host.addValve(new ProblemReportValve(headers));
                }
            }
        }));
    }

    /** Tomcat's error report as RFC 9457 problem JSON. */
    static final class ProblemReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final Map<String, String> headers;

        ProblemReportValve(Map<String, String> headers) {
            this.headers = headers;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean io = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
            if (!io.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String code = status >= 500 ? "internal-error" : ProblemHandler.codeOf(status);
            String detail = status >= 500 ? "an internal error occurred; it has been logged"
                    : status == 400 ? "the request cannot be read: its URL, query or headers are malformed or too"
                            + " large (an encoded slash, backslash or NUL, invalid UTF-8, more than 8 KB)"
                    : known == null ? "the request failed with status " + status : known.getReasonPhrase();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", ProblemHandler.type(code).toString());
            body.put("title", known == null ? "Error" : known.getReasonPhrase());
            body.put("status", status);
            body.put("detail", detail);
            body.put("code", code);
            try {
                headers.forEach(response::setHeader);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the answer was committed meanwhile: nothing left to tell
            }
        }
    }
}
