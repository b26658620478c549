package io.sentinel.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.sentinel.events.CloudEventHeaders;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventTypes;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import java.util.Optional;
import java.util.function.Function;

/**
 * The spans of the pipeline itself, named and attributed by OpenTelemetry's messaging conventions.
 * The {@code traceparent} an event carries is the one source of truth: the span that creates an
 * event takes the event's ids, the consumer's span is that span's child, and so an incident's trace
 * is what its events say it is, across every service, with or without a tracing backend.
 * <ul>
 *   <li>{@code <topic> create} (producer): an event written to the outbox, in the handler's
 *       transaction; ends when the transaction commits (or fails if it rolls back). Its ids are
 *       those of the event's {@code traceparent}. A first event of a trace (an incident opening)
 *       starts the trace and links to the span it was decided in (the signal batch's);</li>
 *   <li>{@code <topic> publish} (producer): the outbox relay sending it to Kafka, a child of the
 *       create span; or an event published straight to Kafka (signals), which starts its own trace;</li>
 *   <li>{@code <topic> process} (consumer): a delivery, from decoding to commit; a child of the
 *       span that created the event;</li>
 *   <li>{@code handle <Type>}: the service's handler inside it.</li>
 * </ul>
 */
public final class PipelineTracing {

    static final String INSTRUMENTATION = "io.sentinel.runtime";

    private final Tracer tracer;
    private final PinnedIdGenerator ids;
    private final RecentSpans recent;

    /**
     * @param ids           the generator the tracer's SDK was built with, or null if it was built
     *                      with another (spans then get ids of their own, and events keep theirs)
     * @param recentTraces  how many traces to remember this service's latest span of
     */
    public PipelineTracing(OpenTelemetry openTelemetry, PinnedIdGenerator ids, int recentTraces) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.ids = ids;
        this.recent = new RecentSpans(recentTraces);
    }

    /** No spans; events keep the trace context their publishers give them. */
    public static PipelineTracing disabled() {
        return new PipelineTracing(OpenTelemetry.noop(), null, 1);
    }

    /**
     * A delivery from {@code topic}, current until closed: a child of the span that created the
     * event, as the record's {@code traceparent} names it, or the first span of a new trace if the
     * record has none.
     *
     * @param header a record header's text by name
     */
    public PipelineSpan process(String topic, Function<String, String> header, Integer partition, Long offset, String key, String group) {
        Optional<TraceParent> sent = TraceParent.parse(header.apply(CloudEventHeaders.TRACE_PARENT));
        SpanBuilder builder = tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAllAttributes(messaging(topic, "process", "process"))
                .setParent(sent.map(PipelineTracing::remote).orElseGet(Context::root));
        putIfPresent(builder, SpanAttributes.MESSAGING_MESSAGE_ID, header.apply(CloudEventHeaders.ID));
        putIfPresent(builder, SpanAttributes.CLOUDEVENTS_ID, header.apply(CloudEventHeaders.ID));
        putIfPresent(builder, SpanAttributes.CLOUDEVENTS_TYPE, header.apply(CloudEventHeaders.TYPE));
        putIfPresent(builder, SpanAttributes.CLOUDEVENTS_SOURCE, header.apply(CloudEventHeaders.SOURCE));
        putIfPresent(builder, SpanAttributes.MESSAGING_KAFKA_KEY, key);
        putIfPresent(builder, SpanAttributes.MESSAGING_CONSUMER_GROUP, group);
        if (partition != null) {
            builder.setAttribute(SpanAttributes.MESSAGING_PARTITION, partition.toString());
        }
        if (offset != null) {
            builder.setAttribute(SpanAttributes.MESSAGING_KAFKA_OFFSET, offset);
        }
        Span span = builder.startSpan();
        recent.remember(span.getSpanContext());
        return new PipelineSpan(span, true);
    }

    /** The service's handler at work on an event, current until closed; a child of the delivery's span. */
    public PipelineSpan handle(EventEnvelope<?> envelope) {
        Span span = tracer.spanBuilder("handle " + EventTypes.name(envelope.event().getClass()))
                .setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(SpanAttributes.of(envelope.event()))
                .startSpan();
        recent.remember(span.getSpanContext());
        return new PipelineSpan(span, true);
    }

    /**
     * An event written to the outbox, to be ended when its transaction ends. The span takes the ids
     * of the {@code traceparent} the publisher chose. Its parent is the current span if that is in
     * the same trace; else this service's latest span in that trace (work off the consumer's thread);
     * else none: the event starts its trace, linking to the current span in the trace it came from.
     *
     * @return the span and the trace context to put on the event: the span's, or the publisher's
     *         as it was when tracing is off
     */
    public Publication create(String topic, SentinelEvent event, String eventId, TraceParent requested) {
        SpanContext current = Span.current().getSpanContext();
        boolean sameTrace = current.isValid() && current.getTraceId().equals(requested.traceId());
        Optional<SpanContext> latest = sameTrace ? Optional.empty() : recent.latestIn(requested.traceId());
        SpanBuilder builder = tracer.spanBuilder(topic + " create")
                .setSpanKind(SpanKind.PRODUCER)
                .setAllAttributes(messaging(topic, "create", "create"))
                .setAllAttributes(SpanAttributes.of(event))
                .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, eventId)
                .setAttribute(SpanAttributes.CLOUDEVENTS_ID, eventId)
                .setAttribute(SpanAttributes.MESSAGING_KAFKA_KEY, event.key())
                .setParent(sameTrace ? Context.current() : latest.map(span -> Context.root().with(Span.wrap(span))).orElseGet(Context::root));
        if (current.isValid() && !sameTrace) {
            builder.addLink(current, Attributes.of(SpanAttributes.LINK_ROLE, "cause"));
        }
        Span span = start(builder, requested);
        if (!sameTrace && latest.isEmpty()) {
            recent.remember(span.getSpanContext());
        }
        return new Publication(new PipelineSpan(span, false), traceOf(span, requested));
    }

    /**
     * The outbox relay sending a stored event: a child of the span that created it.
     *
     * @param header the stored record's header text by name
     */
    public PipelineSpan relay(String topic, String key, Function<String, String> header) {
        SpanBuilder builder = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setAllAttributes(messaging(topic, "publish", "send"))
                .setParent(TraceParent.parse(header.apply(CloudEventHeaders.TRACE_PARENT)).map(PipelineTracing::remote)
                        .orElseGet(Context::root));
        putIfPresent(builder, SpanAttributes.MESSAGING_MESSAGE_ID, header.apply(CloudEventHeaders.ID));
        putIfPresent(builder, SpanAttributes.CLOUDEVENTS_ID, header.apply(CloudEventHeaders.ID));
        String type = header.apply(CloudEventHeaders.TYPE);
        putIfPresent(builder, SpanAttributes.CLOUDEVENTS_TYPE, type);
        putIfPresent(builder, SpanAttributes.EVENT_TYPE, type == null ? null : type.substring(type.lastIndexOf('.') + 1));
        putIfPresent(builder, SpanAttributes.MESSAGING_KAFKA_KEY, key);
        // ce_subject is the incident an event is about (see EventEnvelope#subject).
        putIfPresent(builder, SpanAttributes.INCIDENT_ID, header.apply(CloudEventHeaders.SUBJECT));
        return new PipelineSpan(builder.startSpan(), false);
    }

    /**
     * An event published straight to Kafka (freshly collected signals): it starts a trace of its
     * own, linked to whatever the current span is (the ingest request, the collection round).
     */
    public Publication publishDirect(String topic, SentinelEvent event, String eventId) {
        SpanContext current = Span.current().getSpanContext();
        SpanBuilder builder = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setNoParent()
                .setAllAttributes(messaging(topic, "publish", "send"))
                .setAllAttributes(SpanAttributes.of(event))
                .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, eventId)
                .setAttribute(SpanAttributes.CLOUDEVENTS_ID, eventId)
                .setAttribute(SpanAttributes.MESSAGING_KAFKA_KEY, event.key());
        if (current.isValid()) {
            builder.addLink(current, Attributes.of(SpanAttributes.LINK_ROLE, "cause"));
        }
        Span span = builder.startSpan();
        SpanContext context = span.getSpanContext();
        TraceParent trace = context.isValid()
                ? new TraceParent(context.getTraceId(), context.getSpanId(), context.isSampled())
                : TraceParent.root();
        return new Publication(new PipelineSpan(span, false), trace);
    }

    /**
     * Work on a trace away from the consumer that received it (an execution on its own thread, a
     * scheduler): current until closed, so that the events it publishes, its HTTP calls and its logs
     * are in the trace.
     *
     * @param parent the {@code traceparent} of the event the work continues, as received
     */
    public PipelineSpan continueTrace(TraceParent parent, String name) {
        SpanContext current = Span.current().getSpanContext();
        boolean sameTrace = current.isValid() && current.getTraceId().equals(parent.traceId());
        Span span = tracer.spanBuilder(name)
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(sameTrace ? Context.current() : remote(parent))
                .startSpan();
        recent.remember(span.getSpanContext());
        return new PipelineSpan(span, true);
    }

    /** A span for an event about to be published, and the trace context the event carries. */
    public record Publication(PipelineSpan span, TraceParent traceParent) {
    }

    private Span start(SpanBuilder builder, TraceParent requested) {
        if (ids == null) {
            return builder.startSpan();
        }
        String spanId = recent.claim(requested.traceId(), requested.spanId()) ? requested.spanId() : null;
        return ids.pinned(requested.traceId(), spanId, builder::startSpan);
    }

    /** The span's own ids when it is in the trace asked for; the publisher's otherwise (tracing off). */
    private static TraceParent traceOf(Span span, TraceParent requested) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid() || !context.getTraceId().equals(requested.traceId())) {
            return requested;
        }
        return new TraceParent(context.getTraceId(), context.getSpanId(), context.isSampled());
    }

    private static Context remote(TraceParent trace) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(trace.traceId(), trace.spanId(),
                trace.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }

    private static Attributes messaging(String topic, String operation, String operationType) {
        return Attributes.of(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA, SpanAttributes.MESSAGING_DESTINATION, topic,
                SpanAttributes.MESSAGING_OPERATION, operation, SpanAttributes.MESSAGING_OPERATION_TYPE, operationType);
    }

    private static void putIfPresent(SpanBuilder builder, io.opentelemetry.api.common.AttributeKey<String> key, String value) {
        if (value != null && !value.isBlank()) {
            builder.setAttribute(key, value);
        }
    }
}
