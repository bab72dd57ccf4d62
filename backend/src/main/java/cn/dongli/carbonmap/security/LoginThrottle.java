package cn.dongli.carbonmap.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing with three limits, each a pause that doubles with every further failure; a refused
 * attempt is not counted. The address is the client's as {@code carbonmap.http.trusted-proxies} resolves it.
 *
 * <ul>
 *   <li>One account name from one address: after {@value #FREE_FAILURES} failures, 1 minute, 2, 4, … up to an hour.
 *       A success clears it.</li>
 *   <li>One address, any names: after {@value #FREE_ADDRESS_FAILURES} failures, likewise, except for the accounts
 *       that have signed in from this address before (so that a stranger behind a shared address does not lock out
 *       the others there).</li>
 *   <li>One account, any address (guessing spread over many addresses): after {@value #FREE_ACCOUNT_FAILURES}
 *       failures, 15 seconds, 30, … up to 15 minutes, forgotten an hour after the last failure. Neither pause
 *       applies to an address the account has signed in from before: a stranger, however many addresses they have,
 *       cannot lock the owner out of their usual place, and from one address a stranger adds only a handful of
 *       failures an hour.</li>
 * </ul>
 * Kept in memory: a restart forgives.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 50;
    static final int FREE_ACCOUNT_FAILURES = 10;
    private static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);
    private static final Duration FIRST_ACCOUNT_PAUSE = Duration.ofSeconds(15);
    private static final Duration LONGEST_ACCOUNT_PAUSE = Duration.ofMinutes(15);
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);
    private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 20;
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    private final Map<String, Failures> byNameAndAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> knownAddresses = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static String name(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    /** Seconds until the account name may try again from this address, 0 if it may now. */
    long secondsBlocked(String username, String address) {
        long s = seconds(byNameAndAddress.get(name(username) + "@" + address));
        if (!known(username, address)) {
            s = Math.max(s, Math.max(seconds(byAddress.get(address)), seconds(byAccount.get(name(username)))));
        }
        return s;
    }

    private long seconds(Failures f) {
        if (f == null || f.blockedUntil() == null) {
            return 0;
        }
        long s = Duration.between(clock.instant(), f.blockedUntil()).toSeconds();
        return s < 0 ? 0 : s + 1;
    }

    private boolean known(String username, String address) {
        Set<String> known = knownAddresses.get(name(username));
        return known != null && known.contains(address);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        count(byNameAndAddress, name(username) + "@" + address, FREE_FAILURES, FIRST_PAUSE, LONGEST_PAUSE, now);
        count(byAddress, address, FREE_ADDRESS_FAILURES, FIRST_PAUSE, LONGEST_PAUSE, now);
        count(byAccount, name(username), FREE_ACCOUNT_FAILURES, FIRST_ACCOUNT_PAUSE, LONGEST_ACCOUNT_PAUSE, now);
    }

    private void count(Map<String, Failures> table, String key, int free, Duration first, Duration longest,
                       Instant now) {
        if (table.size() > MAX_ENTRIES) {
            table.values().removeIf(f -> f.last().plus(FORGOTTEN_AFTER).isBefore(now)
                    && (f.blockedUntil() == null || f.blockedUntil().isBefore(now)));
        }
        table.compute(key, (k, f) -> {
            boolean forgotten = f == null || f.last().plus(FORGOTTEN_AFTER).isBefore(now)
                    && (f.blockedUntil() == null || f.blockedUntil().isBefore(now));
            int count = forgotten ? 1 : f.count() + 1;
            Instant until = null;
            if (count >= free) {
                long factor = 1L << Math.min(20, count - free);
                Duration pause = first.multipliedBy(factor);
                until = now.plus(pause.compareTo(longest) > 0 ? longest : pause);
            }
            return new Failures(count, now, until);
        });
    }

    void succeeded(String username, String address) {
        byNameAndAddress.remove(name(username) + "@" + address);
        knownAddresses.computeIfAbsent(name(username), k -> Collections.synchronizedSet(
                Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > KNOWN_ADDRESSES_PER_ACCOUNT;
                    }
                }))).add(address);
    }
}
