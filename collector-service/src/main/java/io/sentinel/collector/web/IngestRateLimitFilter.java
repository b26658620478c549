package io.sentinel.collector.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.collector.ingest.IngestRateLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every authenticated token to its rate limit before its body is read or a place in flight
 * taken: a token over its limit gets 429 with Retry-After, and nothing of the request is published.
 * Runs after {@link IngestTokenFilter}, so only known tokens have a budget at all.
 */
final class IngestRateLimitFilter extends OncePerRequestFilter {

    /** A token hammering the collector is said once a minute, not at every refused request. */
    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(IngestRateLimitFilter.class);

    private final IngestRateLimits limits;
    private final MeterRegistry meters;
    /** Keyed by configured token names only: bounded by the configuration. */
    private final ConcurrentMap<String, Long> lastLogged = new ConcurrentHashMap<>();

    IngestRateLimitFilter(IngestRateLimits limits, MeterRegistry meters) {
        this.limits = limits;
        this.meters = meters;
        // Registered at zero so that an alert on increase() fires on a token's very first refusal.
        limits.tokenNames().forEach(this::refusals);
    }

    private Counter refusals(String token) {
        return Counter.builder("sentinel.collector.ingest.rate.limited").description("Ingest requests refused because their token was over its rate limit")
                .tag("token", token).register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = String.valueOf(request.getAttribute(IngestTokenFilter.TOKEN_NAME));
        Optional<Duration> wait = limits.tryAcquire(token);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        refusals(token).increment();
        String limit = limits.limitOf(token).map(IngestRateLimits::describe).orElse("its limit");
        if (shouldLog(token)) {
            log.warn("ingest rate limit reached token={} limit=\"{}\" path={}; refusing with 429 (said again after {} if it goes on)", token,
                    limit, request.getRequestURI(), LOG_EVERY);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too many ingest requests for token '" + token + "' (" + limit
                + ", sentinel.collector.ingest.rate-limit or tokens[n].rate-limit); retry after " + retryAfter + " s");
    }

    private boolean shouldLog(String token) {
        long now = System.nanoTime();
        Long last = lastLogged.get(token);
        if (last != null && now - last < LOG_EVERY.toNanos()) {
            return false;
        }
        return last == null ? lastLogged.putIfAbsent(token, now) == null : lastLogged.replace(token, last, now);
    }
}
