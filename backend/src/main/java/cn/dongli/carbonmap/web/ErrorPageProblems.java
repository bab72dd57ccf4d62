package cn.dongli.carbonmap.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The answers the servlet container makes itself, through its error page, in problem JSON like every other error:
 * a URL Spring Security's firewall rejects ({@link RejectedRequests}: an encoded semicolon, {@code ..}), a request body
 * the connection stopped delivering (the container answers 408 whatever the handler said). A client error keeps the
 * message it was sent with; a server error says nothing internal. Replaces Spring Boot's error controller, whose JSON
 * has neither a problem type nor a code.
 */
@RestController
class ErrorPageProblems implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
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
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        body.setType(ProblemHandler.type(code));
        body.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
