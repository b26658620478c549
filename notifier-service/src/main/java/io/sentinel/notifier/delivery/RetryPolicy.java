package io.sentinel.notifier.delivery;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.sentinel.notifier.channel.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * When to try a failed delivery again, by resilience4j's rules: exponential back-off from 1 s,
 * doubling per attempt up to 5 minutes, only for a retryable failure (a 5xx, 408, 429, a timeout, a
 * connection failure; never another 4xx), until {@code maxAttempts} attempts have failed.
 *
 * <p>resilience4j decides, the delivery outbox waits: a {@code Retry} would block a thread for up to
 * five minutes and forget its attempts on a restart, so the policy takes resilience4j's
 * {@link RetryConfig} (its interval function, its retry-on-result predicate, its maximum attempts) and
 * answers with the time of the next attempt, which the dispatcher stores with the delivery. Attempts
 * persist across restarts; the dispatcher picks the delivery up again when it is due.
 */
public final class RetryPolicy {

    private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_COUNTED_ATTEMPT = 64;

    private final RetryConfig config;

    private RetryPolicy(RetryConfig config) {
        this.config = config;
    }

    /** 1 s, 2 s, 4 s ... capped at 5 minutes, retryable failures only. */
    public static RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(RetryConfig.<SendResult>custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(INITIAL_BACKOFF, 2.0, MAX_BACKOFF))
                .retryOnResult(result -> result instanceof SendResult.Failed failed && failed.retryable())
                .build());
    }

    /** What to do after attempt number {@code attempt} (1 for the first) failed at {@code now}. */
    public Verdict afterFailure(int attempt, SendResult.Failed failure, Instant now) {
        Predicate<SendResult> retryOn = config.getResultPredicate();
        if (!retryOn.test(failure)) {
            return new Verdict.GiveUp("not retryable: the receiver will answer the same way");
        }
        if (attempt >= config.getMaxAttempts()) {
            return new Verdict.GiveUp("all " + config.getMaxAttempts() + " attempts failed");
        }
        return new Verdict.RetryAt(now.plus(backoff(attempt, failure)));
    }

    /** The wait after the {@code attempt}-th failure. */
    public Duration backoff(int attempt) {
        return backoff(attempt, new SendResult.Failed("", true));
    }

    private Duration backoff(int attempt, SendResult.Failed failure) {
        // resilience4j computes the back-off one doubling at a time; it reaches its cap after nine.
        int counted = Math.clamp(attempt, 1, MAX_COUNTED_ATTEMPT);
        return Duration.ofMillis(config.<SendResult>getIntervalBiFunction().apply(counted, Either.right(failure)));
    }

    public sealed interface Verdict {

        record RetryAt(Instant at) implements Verdict {
        }

        /** @param why for the log: not retryable, or out of attempts */
        record GiveUp(String why) implements Verdict {
        }
    }
}
