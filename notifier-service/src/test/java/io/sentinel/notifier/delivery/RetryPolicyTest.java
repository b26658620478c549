package io.sentinel.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final RetryPolicy EIGHT_ATTEMPTS = RetryPolicy.withMaxAttempts(8);

    static Stream<Arguments> backoffs() {
        return Stream.of(
                Arguments.of(1, Duration.ofSeconds(1)),
                Arguments.of(2, Duration.ofSeconds(2)),
                Arguments.of(3, Duration.ofSeconds(4)),
                Arguments.of(7, Duration.ofSeconds(64)),
                Arguments.of(9, Duration.ofSeconds(256)),
                Arguments.of(10, Duration.ofMinutes(5)),
                Arguments.of(1000, Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "after failure {0}: wait {1}")
    @MethodSource("backoffs")
    void doublesTheWaitAfterEachFailureUpToFiveMinutes(int attempt, Duration expected) {
        assertThat(EIGHT_ATTEMPTS.backoff(attempt)).isEqualTo(expected);
    }

    @Test
    void retriesUntilTheLastAttemptHasFailed() {
        assertThat(EIGHT_ATTEMPTS.afterFailure(1, NOW)).isEqualTo(new RetryPolicy.Verdict.RetryAt(NOW.plusSeconds(1)));
        assertThat(EIGHT_ATTEMPTS.afterFailure(7, NOW)).isEqualTo(new RetryPolicy.Verdict.RetryAt(NOW.plusSeconds(64)));
        assertThat(EIGHT_ATTEMPTS.afterFailure(8, NOW)).isEqualTo(new RetryPolicy.Verdict.GiveUp());
        assertThat(RetryPolicy.withMaxAttempts(1).afterFailure(1, NOW)).isEqualTo(new RetryPolicy.Verdict.GiveUp());
    }
}
