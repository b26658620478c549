package io.sentinel.collector.source;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Which source metric signals come from, and when to switch, kept by a resilience4j circuit breaker
 * around Prometheus. With no Prometheus configured the breaker is forced open: the scrape targets
 * are the source, for good, and nothing is degraded about it. With one, the breaker starts closed
 * (Prometheus is the source) over a count-based window of the last {@code fallbackAfter} rounds and
 * opens when all of them failed, i.e. after {@code fallbackAfter} failed rounds in a row: the
 * collector then scrapes the targets itself. While it is open, every Prometheus round is the
 * breaker's half-open trial: the first answer closes it and Prometheus is the source again, a
 * failure keeps it open. Rounds keep asking Prometheus at their own interval whatever the state, so
 * the breaker never waits on a clock of its own.
 *
 * <p>Pure and thread-safe: rounds report, the scrape schedule and the health endpoint read.
 */
public final class SourceSelection {

    private final boolean prometheusConfigured;
    private final int fallbackAfter;
    private final CircuitBreaker prometheus;
    private int consecutiveFailures;
    private String lastError;
    private Instant since;

    private SourceSelection(boolean prometheusConfigured, int fallbackAfter, CircuitBreaker prometheus, Instant now) {
        this.prometheusConfigured = prometheusConfigured;
        this.fallbackAfter = fallbackAfter;
        this.prometheus = prometheus;
        this.since = now;
    }

    /** No Prometheus: scrape, and nothing is degraded about it. */
    public static SourceSelection scrapeOnly(Instant now) {
        CircuitBreaker none = CircuitBreaker.of("prometheus", CircuitBreakerConfig.ofDefaults());
        none.transitionToForcedOpenState();
        return new SourceSelection(false, Integer.MAX_VALUE, none, now);
    }

    /** Prometheus first; it is assumed to answer until it has failed {@code fallbackAfter} rounds in a row. */
    public static SourceSelection preferPrometheus(int fallbackAfter, Instant now) {
        if (fallbackAfter < 1) {
            throw new IllegalArgumentException("fallbackAfter must be at least 1, was " + fallbackAfter);
        }
        CircuitBreaker prometheus = CircuitBreaker.of("prometheus", CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(fallbackAfter)
                .minimumNumberOfCalls(fallbackAfter)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
        return new SourceSelection(true, fallbackAfter, prometheus, now);
    }

    /** Prometheus answered a round (at least one query succeeded). */
    public synchronized Switch prometheusAnswered(Instant at) {
        requirePrometheus();
        boolean wasScraping = scrapingBecauseItFailed();
        int failedRounds = consecutiveFailures;
        trialIfOpen();
        prometheus.onSuccess(0, TimeUnit.NANOSECONDS);
        consecutiveFailures = 0;
        lastError = null;
        if (wasScraping) {
            Duration degradedFor = Duration.between(since, at);
            since = at;
            return new Switch.BackToPrometheus(failedRounds, degradedFor);
        }
        return new Switch.Stay(state());
    }

    /** Prometheus could not answer a round: unreachable, too slow, or an error for every query. */
    public synchronized Switch prometheusFailed(Instant at, String reason) {
        requirePrometheus();
        boolean wasScraping = scrapingBecauseItFailed();
        trialIfOpen();
        prometheus.onError(0, TimeUnit.NANOSECONDS, new PrometheusNotAnswering(reason));
        consecutiveFailures++;
        lastError = reason;
        if (!wasScraping && scrapingBecauseItFailed()) {
            since = at;
            return new Switch.FellBack(consecutiveFailures, reason);
        }
        return new Switch.Stay(state());
    }

    public synchronized State state() {
        SignalSource active = prometheus.getState() == CircuitBreaker.State.CLOSED ? SignalSource.PROMETHEUS : SignalSource.SCRAPE;
        return new State(active, scrapingBecauseItFailed(), consecutiveFailures, lastError, since);
    }

    /** Whether the scrape targets are to be scraped now. */
    public boolean scrapes() {
        return state().active() == SignalSource.SCRAPE;
    }

    public boolean prometheusConfigured() {
        return prometheusConfigured;
    }

    public int fallbackAfter() {
        return fallbackAfter;
    }

    /** Open (or trying half-open) because Prometheus failed, as opposed to forced open because there is none. */
    private boolean scrapingBecauseItFailed() {
        CircuitBreaker.State state = prometheus.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN;
    }

    /** While scraping, a round's outcome is the half-open trial that decides whether Prometheus is back. */
    private void trialIfOpen() {
        if (prometheus.getState() == CircuitBreaker.State.OPEN) {
            prometheus.transitionToHalfOpenState();
            prometheus.tryAcquirePermission();
        }
    }

    private void requirePrometheus() {
        if (!prometheusConfigured) {
            throw new IllegalStateException("no Prometheus is configured; only scrape rounds run");
        }
    }

    /**
     * @param degraded            scraping because Prometheus failed, not because none is configured
     * @param consecutiveFailures Prometheus rounds failed in a row, up to now
     * @param lastError           why the last Prometheus round failed; null once it answers
     * @param since               when the active source became active
     */
    public record State(SignalSource active, boolean degraded, int consecutiveFailures, String lastError, Instant since) {
    }

    /** What a round's outcome changed. */
    public sealed interface Switch {

        /** The source stays as it was. */
        record Stay(State state) implements Switch {
        }

        /** Prometheus failed {@code failedRounds} in a row: the collector now scrapes the targets itself. */
        record FellBack(int failedRounds, String reason) implements Switch {
        }

        /** Prometheus answers again after {@code failedRounds} failed rounds, of which the collector scraped for {@code degradedFor}. */
        record BackToPrometheus(int failedRounds, Duration degradedFor) implements Switch {
        }
    }

    /** What the breaker records for a failed round; never thrown. */
    private static final class PrometheusNotAnswering extends RuntimeException {

        PrometheusNotAnswering(String reason) {
            super(reason, null, false, false);
        }
    }
}
