package io.sentinel.runtime.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * Random ids, except while a span is started for an event whose {@code traceparent} is already
 * written: then the span takes the event's ids, so that what travels in the record's header is the
 * span itself and not a second, made-up identity of it. The header stays the one source of truth;
 * the span materialises it.
 */
public final class PinnedIdGenerator implements IdGenerator {

    private static final IdGenerator RANDOM = IdGenerator.random();

    private final ThreadLocal<Ids> pinned = new ThreadLocal<>();

    /** What the next span started on this thread, inside {@link #pinned}, is to be called. */
    record Ids(String traceId, String spanId) {
    }

    /** Runs {@code start} (which starts one span) with the given ids pinned; a null span id stays random. */
    <T> T pinned(String traceId, String spanId, Supplier<T> start) {
        Ids previous = pinned.get();
        pinned.set(new Ids(traceId, spanId));
        try {
            return start.get();
        } finally {
            if (previous == null) {
                pinned.remove();
            } else {
                pinned.set(previous);
            }
        }
    }

    @Override
    public String generateSpanId() {
        Ids ids = pinned.get();
        return ids == null || ids.spanId() == null ? RANDOM.generateSpanId() : ids.spanId();
    }

    /** Asked only for a span without a parent: the first span of a trace an event has already named. */
    @Override
    public String generateTraceId() {
        Ids ids = pinned.get();
        return ids == null ? RANDOM.generateTraceId() : ids.traceId();
    }

    /** Pinned ids come from {@code TraceParent}, which draws them from a secure random source. */
    @Override
    public boolean generatesRandomTraceIds() {
        return true;
    }
}
