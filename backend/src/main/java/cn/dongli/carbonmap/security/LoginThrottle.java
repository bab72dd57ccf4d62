package cn.dongli.carbonmap.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed sign-ins for one account name from one address,
 * further attempts are refused for a pause that doubles with each failure (1 minute, 2, 4, … up to an hour). A
 * success clears the count. Kept in memory: a restart forgives.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);

    private record Failures(int count, Instant blockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "@" + address;
    }

    /** Seconds until the account name may try again from this address, 0 if it may now. */
    long secondsBlocked(String username, String address) {
        Failures f = failures.get(key(username, address));
        if (f == null || f.blockedUntil() == null) {
            return 0;
        }
        long s = Duration.between(clock.instant(), f.blockedUntil()).toSeconds();
        return Math.max(0, s + 1);
    }

    void failed(String username, String address) {
        failures.compute(key(username, address), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = null;
            if (count >= FREE_FAILURES) {
                long factor = 1L << Math.min(10, count - FREE_FAILURES);
                Duration pause = FIRST_PAUSE.multipliedBy(factor);
                until = clock.instant().plus(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
            }
            return new Failures(count, until);
        });
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }
}
