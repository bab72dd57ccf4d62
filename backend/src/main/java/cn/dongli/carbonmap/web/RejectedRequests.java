package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A URL Spring Security's firewall rejects (an encoded semicolon or slash, {@code ..}, a control character) is a 400
 * that says why; {@link ErrorPageProblems} writes it as problem JSON.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the request was rejected: " + rejected.getMessage());
    }
}
