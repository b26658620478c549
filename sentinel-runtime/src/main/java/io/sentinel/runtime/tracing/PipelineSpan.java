package io.sentinel.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;

/**
 * One span of the pipeline's own work, closed with try-with-resources. A span that is current (a
 * consumer's) is also the parent of whatever its thread starts meanwhile: the handler's reactions,
 * its HTTP calls, its log lines' trace id.
 */
public final class PipelineSpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;
    private boolean ended;

    PipelineSpan(Span span, boolean makeCurrent) {
        this.span = span;
        this.scope = makeCurrent ? span.makeCurrent() : null;
    }

    /** Adds what the event says about its incident (id, playbook, risk, type). */
    public PipelineSpan describe(SentinelEvent event) {
        span.setAllAttributes(SpanAttributes.of(event));
        return this;
    }

    /** Processed or duplicate: what the inbox made of the delivery. */
    public void outcome(String outcome) {
        span.setAttribute(SpanAttributes.INBOX_OUTCOME, outcome);
    }

    /** Marks the span failed with the reason; it still ends when closed. */
    public void fail(Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }

    public void fail(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
    }

    /**
     * The envelope as this span's work continues it. A record that came without a (readable) trace
     * context started a new trace here; its envelope takes that trace, so that its reactions continue
     * the trace this span is in rather than a second one made up by the decoder.
     */
    public <E extends SentinelEvent> EventEnvelope<E> adopt(EventEnvelope<E> envelope, boolean hadTraceParent) {
        describe(envelope.event());
        SpanContext context = span.getSpanContext();
        if (hadTraceParent || !context.isValid()) {
            return envelope;
        }
        return new EventEnvelope<>(envelope.id(), envelope.source(), envelope.time(),
                new TraceParent(context.getTraceId(), context.getSpanId(), context.isSampled()), envelope.event());
    }

    /** The span's trace context; invalid (all zero) when tracing is off. */
    public SpanContext context() {
        return span.getSpanContext();
    }

    /** Ends the span (and leaves it, if it was current); ending twice is a no-op. */
    @Override
    public void close() {
        if (scope != null) {
            scope.close();
        }
        if (!ended) {
            ended = true;
            span.end();
        }
    }
}
