package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    private static final ClientAddress ATTACKER = new ClientAddress("203.0.113.7");
    private static final ClientAddress NEIGHBOUR = new ClientAddress("203.0.113.8");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(
            new AuthFailureProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(5), 100), clock);

    @Test
    void blocksAnAddressOnItsNthFailureWithinTheWindowForTheCoolDown() {
        assertThat(limiter.recordFailure(ATTACKER)).isFalse();
        assertThat(limiter.recordFailure(ATTACKER)).isFalse();
        assertThat(limiter.blockedFor(ATTACKER)).as("two failures are allowed").isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.recordFailure(ATTACKER)).as("the third within the minute blocks").isTrue();

        assertThat(limiter.blockedFor(ATTACKER)).hasValue(Duration.ofMinutes(5));
        assertThat(limiter.blockedFor(NEIGHBOUR)).as("other addresses are unaffected").isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.blockedFor(ATTACKER)).hasValue(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.blockedFor(ATTACKER)).as("the cool-down is over").isEmpty();

        assertThat(limiter.recordFailure(ATTACKER)).as("and counting starts afresh").isFalse();
        assertThat(limiter.blockedFor(ATTACKER)).isEmpty();
    }

    @Test
    void forgetsFailuresOlderThanTheWindow() {
        limiter.recordFailure(ATTACKER);
        limiter.recordFailure(ATTACKER);
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.recordFailure(ATTACKER)).as("a new window: one failure").isFalse();
        assertThat(limiter.recordFailure(ATTACKER)).isFalse();
        assertThat(limiter.blockedFor(ATTACKER)).isEmpty();
        assertThat(limiter.recordFailure(ATTACKER)).isTrue();
    }

    @Test
    void failuresWhileBlockedDoNotProlongTheBlock() {
        limiter.recordFailure(ATTACKER);
        limiter.recordFailure(ATTACKER);
        limiter.recordFailure(ATTACKER);
        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.recordFailure(ATTACKER)).as("blocks only once").isFalse();
        assertThat(limiter.blockedFor(ATTACKER)).hasValue(Duration.ofMinutes(3));
    }

    @Test
    void remembersAtMostTheConfiguredNumberOfAddressesForgettingTheLeastRecentlySeen() {
        var small = new AuthFailureLimiter(new AuthFailureProperties(1, Duration.ofMinutes(1), Duration.ofMinutes(5), 3), clock);
        small.recordFailure(ATTACKER);
        for (int i = 0; i < 10_000; i++) {
            small.recordFailure(new ClientAddress("198.51.100." + i));
        }
        assertThat(small.trackedClients()).isEqualTo(3);
        assertThat(small.blockedFor(new ClientAddress("198.51.100.9999"))).as("the most recent is kept").isPresent();
    }

    @Test
    void refusesSettingsThatCannotWorkNamingTheProperty() {
        assertThatThrownBy(() -> new AuthFailureProperties(0, Duration.ofMinutes(1), Duration.ofMinutes(5), 10))
                .hasMessage("sentinel.gateway.auth.failures.max-failures must be at least 1, was 0");
        assertThatThrownBy(() -> new AuthFailureProperties(10, Duration.ZERO, Duration.ofMinutes(5), 10))
                .hasMessage("sentinel.gateway.auth.failures.window must be a positive duration, e.g. 1m, was PT0S");
        assertThatThrownBy(() -> new AuthFailureProperties(10, Duration.ofMinutes(1), Duration.ofSeconds(-1), 10))
                .hasMessage("sentinel.gateway.auth.failures.cool-down must be a positive duration, e.g. 1m, was PT-1S");
        assertThatThrownBy(() -> new AuthFailureProperties(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 0))
                .hasMessage("sentinel.gateway.auth.failures.max-tracked-clients must be at least 1, was 0");
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
