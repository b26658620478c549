package io.sentinel.runtime.tracing;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The latest span this service had in each recent trace. Work that continues an incident's trace
 * away from the consumer that started it (an execution's own thread, a scheduler expiring an
 * approval, the detector's clock) has the trace id but no live span to hang from; it hangs from the
 * last thing this service did in that trace. Bounded: the oldest traces are forgotten first, and a
 * forgotten trace (or one from before a restart) gets a span without a parent in the right trace.
 */
final class RecentSpans {

    private final Map<String, SpanContext> latestByTrace;
    private final Set<String> pinnedSpanIds;

    RecentSpans(int capacity) {
        this.latestByTrace = Collections.synchronizedMap(bounded(capacity));
        this.pinnedSpanIds = Collections.newSetFromMap(Collections.synchronizedMap(bounded(capacity)));
    }

    void remember(SpanContext span) {
        if (span.isValid()) {
            latestByTrace.put(span.getTraceId(), span);
        }
    }

    Optional<SpanContext> latestIn(String traceId) {
        return Optional.ofNullable(latestByTrace.get(traceId));
    }

    /**
     * Claims a span id for a span about to be started with it; false if this service already started
     * one with that id (an event published twice with the same {@code traceparent}), which must then
     * get an id of its own rather than a twin.
     */
    boolean claim(String traceId, String spanId) {
        return pinnedSpanIds.add(traceId + '-' + spanId);
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
