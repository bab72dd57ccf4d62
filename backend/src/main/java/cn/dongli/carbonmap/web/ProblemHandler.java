package cn.dongli.carbonmap.web;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * Translates every exception into RFC 9457 problem JSON, in one place. Client errors say what and where; server errors
 * say nothing internal (the cause goes to the log).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** The problem type URI of a code. */
    static URI type(String code) {
        return URI.create("urn:carbonmap:problem:" + code);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.detail());
        body.setType(type(e.code()));
        body.setTitle(e.title());
        body.setProperty("code", e.code());
        for (Map.Entry<String, Object> x : e.extensions().entrySet()) {
            body.setProperty(x.getKey(), x.getValue());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.extensions().get("retryAfterSeconds") instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return response.body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return problem(ProblemException.badRequest("invalid-parameter",
                "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        ProblemException wrapped = causeOf(e);
        if (wrapped != null) {
            return problem(wrapped);
        }
        ProblemException storage = StorageFailures.classify(e);
        if (storage != null) {
            if (storage.status() == 503 && storage.code().equals("database-unavailable")) {
                LOG.warn("the database is unavailable: {}", e.toString());
            } else if (storage.status() < 500) {
                LOG.info("refused by the database: {}: {}", storage.code(), e.toString());
            } else {
                LOG.error("storage failure: {}", storage.code(), e);
            }
            return problem(storage);
        }
        LOG.error("unexpected failure", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an internal error occurred; it has been logged");
        body.setType(type("internal-error"));
        body.setTitle("Internal error");
        body.setProperty("code", "internal-error");
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** A problem raised below a library that wrapped it (e.g. the body limits, raised while a parser reads). */
    private static ProblemException causeOf(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemException wrapped = causeOf(ex);
        if (wrapped != null) {
            ResponseEntity<ProblemDetail> r = problem(wrapped);
            return new ResponseEntity<>(r.getBody(), r.getHeaders(), r.getStatusCode());
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request body is not valid JSON of the expected shape");
        body.setType(type("malformed-body"));
        body.setTitle("Malformed request body");
        body.setProperty("code", "malformed-body");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail pd && pd.getProperties() == null) {
            String code = codeOf(statusCode.value());
            pd.setType(type(code));
            pd.setProperty("code", code);
        }
        HttpHeaders h = new HttpHeaders();
        h.putAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, h, statusCode);
    }

    /** The problem code of an answer that carries only a status. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }
}
