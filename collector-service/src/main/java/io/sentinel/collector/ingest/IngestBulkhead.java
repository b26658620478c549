package io.sentinel.collector.ingest;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;

/**
 * At most so many ingest requests at once: a resilience4j semaphore bulkhead that never waits. One
 * request more is turned away at once rather than queued, so that a burst costs neither memory nor
 * threads, and the client retries later.
 */
public final class IngestBulkhead {

    public static final String NAME = "ingest";

    private IngestBulkhead() {
    }

    /** @param maxInFlightRequests {@code sentinel.collector.ingest.max-in-flight-requests} */
    public static Bulkhead of(int maxInFlightRequests) {
        return Bulkhead.of(NAME, BulkheadConfig.custom()
                .maxConcurrentCalls(maxInFlightRequests)
                .maxWaitDuration(Duration.ZERO)
                .build());
    }
}
