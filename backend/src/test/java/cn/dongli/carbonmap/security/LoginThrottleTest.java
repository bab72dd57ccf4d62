package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The three limits of {@link LoginThrottle} on a clock the test moves: how the pauses grow, end and are bounded. */
class LoginThrottleTest {

    /** A clock that stands still until moved. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void failuresSpreadOverAddressesPauseTheAccountForAWhileThatGrowsButIsBounded() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES - 1; i++) {
            throttle.failed("owner", "203.0.113." + i);
        }
        assertThat(throttle.secondsBlocked("owner", "198.51.100.1")).isZero();
        throttle.failed("owner", "203.0.113.50");
        long first = throttle.secondsBlocked("owner", "198.51.100.1");
        assertThat(first).isBetween(1L, 16L);
        clock.pass(Duration.ofSeconds(first));
        throttle.failed("owner", "203.0.113.51");
        long second = throttle.secondsBlocked("owner", "198.51.100.1");
        assertThat(second).isGreaterThan(first);
        // however long the guessing goes on, one pause is at most 15 minutes: the account is never locked for good
        for (int i = 0; i < 40; i++) {
            clock.pass(Duration.ofSeconds(throttle.secondsBlocked("owner", "198.51.100.1")));
            throttle.failed("owner", "203.0.114." + i);
        }
        assertThat(throttle.secondsBlocked("owner", "198.51.100.1")).isBetween(1L, 15L * 60 + 1);
        clock.pass(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.secondsBlocked("owner", "198.51.100.1")).isZero();
    }

    @Test
    void anAddressTheAccountSignedInFromBeforeIsNotPausedByStrangers() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        throttle.succeeded("owner", "198.51.100.7");
        for (int i = 0; i < 30; i++) {
            throttle.failed("owner", "203.0.113." + i);
        }
        assertThat(throttle.secondsBlocked("owner", "203.0.113.200")).isPositive();
        assertThat(throttle.secondsBlocked("owner", "198.51.100.7")).isZero();
        // but guessing from the owner's own address is limited like any name at any address
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("owner", "198.51.100.7");
        }
        assertThat(throttle.secondsBlocked("owner", "198.51.100.7")).isPositive();
    }

    @Test
    void oneAddressTryingManyNamesIsPaused() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            throttle.failed("name" + i, "203.0.113.9");
        }
        assertThat(throttle.secondsBlocked("yet-another-name", "203.0.113.9")).isPositive();
        assertThat(throttle.secondsBlocked("yet-another-name", "203.0.113.10")).isZero();
        clock.pass(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.secondsBlocked("yet-another-name", "203.0.113.9")).isZero();
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLast() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES - 1; i++) {
            throttle.failed("owner", "203.0.113." + i);
        }
        clock.pass(Duration.ofHours(1).plusMinutes(1));
        throttle.failed("owner", "203.0.113.99");
        assertThat(throttle.secondsBlocked("owner", "198.51.100.1")).isZero();
    }
}
