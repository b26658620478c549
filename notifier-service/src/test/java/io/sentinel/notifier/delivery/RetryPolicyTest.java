package io.sentinel.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.notifier.channel.SendResult;
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
    private static final SendResult.Failed UNAVAILABLE = new SendResult.Failed("HTTP 503", true);
    private static final SendResult.Failed NOT_FOUND = new SendResult.Failed("HTTP 404", false);

    static Stream<Arguments> backoffs() {
        return Stream.of(
                Arguments.of(1, Duration.ofSeconds(1)),
                Arguments.of(2, Duration.ofSeconds(2)),
                Arguments.of(3, Duration.ofSeconds(4)),
                Arguments.of(7, Duration.ofSeconds(64)),
                Arguments.of(9, Duration.ofSeconds(256)),
                Arguments.of(10, Duration.ofMinutes(5)),
                Arguments.of(1000, Duration.ofMinutes(5)),
                Arguments.of(Integer.MAX_VALUE, Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "after failure {0}: wait {1}")
    @MethodSource("backoffs")
    void doublesTheWaitAfterEachFailureUpToFiveMinutes(int attempt, Duration expected) {
        assertThat(EIGHT_ATTEMPTS.backoff(attempt)).isEqualTo(expected);
    }

    @Test
    void retriesARetryableFailureUntilTheLastAttemptHasFailed() {
        assertThat(EIGHT_ATTEMPTS.afterFailure(1, UNAVAILABLE, NOW)).isEqualTo(new RetryPolicy.Verdict.RetryAt(NOW.plusSeconds(1)));
        assertThat(EIGHT_ATTEMPTS.afterFailure(7, UNAVAILABLE, NOW)).isEqualTo(new RetryPolicy.Verdict.RetryAt(NOW.plusSeconds(64)));
        assertThat(EIGHT_ATTEMPTS.afterFailure(8, UNAVAILABLE, NOW)).isEqualTo(new RetryPolicy.Verdict.GiveUp("all 8 attempts failed"));
        assertThat(RetryPolicy.withMaxAttempts(1).afterFailure(1, UNAVAILABLE, NOW))
                .isEqualTo(new RetryPolicy.Verdict.GiveUp("all 1 attempts failed"));
    }

    @Test
    void givesUpAFailureThatIsNotRetryableAtOnce() {
        assertThat(EIGHT_ATTEMPTS.afterFailure(1, NOT_FOUND, NOW))
                .isEqualTo(new RetryPolicy.Verdict.GiveUp("not retryable: the receiver will answer the same way"));
    }
}
