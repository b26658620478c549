package io.sentinel.notifier.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed delivery again: exponential back-off from {@code initialBackoff}, doubling
 * per attempt up to {@code maxBackoff}, until {@code maxAttempts} attempts have failed.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 1s, 2s, 4s ... capped at 5 minutes. */
    public static RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** What to do after attempt number {@code attempt} (1 for the first) failed at {@code now}. */
    public Verdict afterFailure(int attempt, Instant now) {
        return attempt >= maxAttempts ? new Verdict.GiveUp() : new Verdict.RetryAt(now.plus(backoff(attempt)));
    }

    /** The wait after the {@code attempt}-th failure. */
    public Duration backoff(int attempt) {
        // Beyond 2^20 doublings of any sensible initial value the cap applies anyway; this avoids overflow.
        int doublings = Math.min(Math.max(attempt - 1, 0), 20);
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    public sealed interface Verdict {

        record RetryAt(Instant at) implements Verdict {
        }

        record GiveUp() implements Verdict {
        }
    }
}
