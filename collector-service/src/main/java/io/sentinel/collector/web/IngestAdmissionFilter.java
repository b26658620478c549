package io.sentinel.collector.web;

import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits at most as many authenticated ingest requests at once as the ingest bulkhead
 * ({@code IngestBulkhead}) has places, before their bodies are read; the others get 503 with
 * Retry-After at once. With the body limit this bounds the memory ingest can hold, whatever the
 * number of connections.
 */
final class IngestAdmissionFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Bulkhead bulkhead;

    IngestAdmissionFilter(Bulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemResponses.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "too many ingest requests in flight (at most "
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + ", sentinel.collector.ingest.max-in-flight-requests); retry after "
                    + RETRY_AFTER_SECONDS + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}
