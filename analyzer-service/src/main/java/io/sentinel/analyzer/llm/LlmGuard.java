package io.sentinel.analyzer.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What stands between the analyzer and a model endpoint that may be slow, failing or down
 * (resilience4j): a bulkhead (at most {@code max-concurrent-calls} requests in flight; one more is
 * refused, not queued), a circuit breaker (after enough failures, calls are refused at once for
 * {@code open-for}), a time limiter (the caller gets its answer, or a refusal, within the limit it
 * gives, whatever the endpoint does), and inside them retries with back-off on rate limits (429) and
 * server errors (5xx) only. One call is one outcome for the circuit breaker, however many attempts
 * it took, and a call cut by its time limit counts as failed.
 */
public final class LlmGuard implements AutoCloseable {

    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final LlmProperties.Resilience settings;
    // Each call runs on a virtual thread of its own, which the time limiter interrupts when time is up.
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public LlmGuard(LlmProperties.Resilience settings) {
        this.settings = settings;
        this.bulkhead = Bulkhead.of("llm", BulkheadConfig.custom().maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO).build());
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.retry = Retry.of("llm", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), settings.backoffMultiplier()))
                .retryOnException(LlmGuard::retryable)
                .build());
    }

    /**
     * Runs one request within {@code timeLimit}, retries included.
     *
     * @throws Refused with the reason when the request was not made, failed, or ran out of time
     */
    public <T> T call(Supplier<T> request, Duration timeLimit) throws Refused {
        Permit permit = enter();
        long start = System.nanoTime();
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(timeLimit).cancelRunningFuture(true).build());
        try {
            T result = limiter.executeFutureSupplier(() -> calls.submit(() -> retry.executeSupplier(request)));
            permit.succeeded(start);
            return result;
        } catch (TimeoutException e) {
            permit.failed(start, e);
            throw new Refused("no answer within " + human(timeLimit) + " (" + LlmProperties.PREFIX + ".timeout)");
        } catch (ExecutionException e) {
            permit.failed(start, e.getCause());
            throw new Refused(describe(e.getCause()));
        } catch (InterruptedException e) {
            permit.release();
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while waiting for the model");
        } catch (Exception e) {
            permit.failed(start, e);
            throw new Refused(describe(e));
        } finally {
            permit.close();
        }
    }

    /**
     * Admission for a streamed request, which the caller drives itself: a bulkhead slot and the
     * circuit's permission, to be settled with {@link Permit#succeeded} or {@link Permit#failed}
     * and closed.
     */
    public Permit enter() throws Refused {
        if (!bulkhead.tryAcquirePermission()) {
            throw new Refused("the model is busy: " + settings.maxConcurrentCalls() + " requests already in flight ("
                    + LlmProperties.PREFIX + ".resilience.max-concurrent-calls)");
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            throw new Refused("circuit open: too many of the last requests to the model failed; it is tried again "
                    + human(settings.openFor()) + " after it opened (" + LlmProperties.PREFIX + ".resilience.open-for)");
        }
        return new Permit();
    }

    /** The retry policy, for a caller that drives its own attempts (a stream, before its first words). */
    public Retry retry() {
        return retry;
    }

    /** Rate limits and server errors may pass; anything else (a bad key, a bad request) will fail again. */
    public static boolean retryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RateLimitException || cause instanceof InternalServerException) {
                return true;
            }
            if (cause instanceof HttpException http) {
                return http.statusCode() == 429 || http.statusCode() >= 500;
            }
        }
        return false;
    }

    /** Why a request failed, for people: the status and its meaning, never the response body (it may echo the key). */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return "the model endpoint answered HTTP " + http.statusCode() + meaning(http.statusCode());
            }
            if (cause instanceof HttpTimeoutException) {
                return "the model endpoint did not answer in time";
            }
            if (cause instanceof IOException io) {
                return "cannot reach the model endpoint (" + io.getClass().getSimpleName() + ")";
            }
        }
        return switch (failure) {
            case RateLimitException ignored -> "the model endpoint is rate limiting (HTTP 429)";
            case AuthenticationException ignored -> "the model endpoint refused the credentials; check " + LlmProperties.PREFIX + ".api-key";
            case ModelNotFoundException ignored -> "the model endpoint does not know the model; check " + LlmProperties.PREFIX + ".model";
            case InvalidRequestException ignored -> "the model endpoint refused the request as invalid";
            case InternalServerException ignored -> "the model endpoint failed (5xx)";
            default -> "the request to the model failed (" + failure.getClass().getSimpleName() + ")";
        };
    }

    private static String meaning(int status) {
        return switch (status) {
            case 401, 403 -> " (credentials refused; check " + LlmProperties.PREFIX + ".api-key)";
            case 404 -> " (unknown model or path; check " + LlmProperties.PREFIX + ".model and .base-url)";
            case 429 -> " (rate limited)";
            default -> status >= 500 ? " (server error)" : "";
        };
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** Why the model was not (or not successfully) asked. */
    public static final class Refused extends Exception {

        public Refused(String reason) {
            super(reason);
        }
    }

    /** A bulkhead slot and a circuit permission, settled once and closed once. */
    public final class Permit implements AutoCloseable {

        private boolean settled;
        private boolean closed;

        public void succeeded(long startNanos) {
            if (!settled) {
                settled = true;
                breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }

        public void failed(long startNanos, Throwable failure) {
            if (!settled) {
                settled = true;
                breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, failure);
            }
        }

        void release() {
            if (!settled) {
                settled = true;
                breaker.releasePermission();
            }
        }

        @Override
        public void close() {
            release();
            if (!closed) {
                closed = true;
                bulkhead.onComplete();
            }
        }
    }
}
