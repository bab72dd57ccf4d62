package cn.dongli.carbonmap.security;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused for a while after repeated failures (answered 429 with Retry-After). */
class TooManyAttemptsException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    TooManyAttemptsException(long retryAfterSeconds) {
        super("too many failed sign-ins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
