package io.sentinel.runtime.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.events.CloudEventHeaders;
import io.sentinel.events.EventCodec;
import io.sentinel.events.EventContractViolation;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventTypes;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.outbox.EventOutbox;
import io.sentinel.runtime.signing.SignatureVerifier;
import io.sentinel.runtime.tracing.PipelineSpan;
import io.sentinel.runtime.tracing.PipelineTracing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Builds the functions Spring Cloud Stream binds to topics. Each one decodes a record against the
 * event contract, skips it if this service has processed it before, and otherwise runs the handler
 * in one transaction with the inbox entry and any events published in reaction. A record that
 * breaks the contract is rethrown as {@link EventContractViolation}, which the binder is configured
 * not to retry and to route to the topic's dead-letter topic with the message as the reason.
 */
public final class EventConsumers {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final EventCodec codec;
    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SignatureVerifier signatures;
    private final PipelineTracing tracing;

    public EventConsumers(EventCodec codec, Jdbi jdbi, EventOutbox outbox, MeterRegistry meters, Clock clock, SignatureVerifier signatures,
                          PipelineTracing tracing) {
        this.codec = codec;
        this.signatures = signatures;
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
        this.tracing = tracing;
    }

    public <E extends SentinelEvent> Consumer<Message<byte[]>> consumer(Topic topic, Class<E> family, EventHandler<E> handler) {
        // Histogram buckets come from management.metrics.distribution.slo (SentinelServiceDefaults).
        Timer processed = handlingTimer(topic, "processed");
        Timer age = Timer.builder("sentinel.events.age").tag("topic", topic.topicName())
                .description("Time from an event's publication (ce_time) to its consumption").register(meters);
        return message -> {
            try (PipelineSpan span = process(topic, message)) {
                EventEnvelope<E> envelope = span.adopt(decode(topic, family, message, span), hasTraceParent(message));
                String type = EventTypes.name(envelope.event().getClass());
                if (envelope.subject() != null) {
                    MDC.put("incidentId", envelope.subject());
                }
                MDC.put("traceId", envelope.traceParent().traceId());
                long start = System.nanoTime();
                try {
                    age.record(Duration.between(envelope.time(), clock.instant()).abs());
                    boolean firstDelivery = jdbi.inTransaction(handle -> {
                        int inserted = handle.createUpdate("""
                                        insert into inbox (event_id, topic, event_type) values (:id, :topic, :type)
                                        on conflict (event_id) do nothing""")
                                .bind("id", envelope.id())
                                .bind("topic", topic.topicName())
                                .bind("type", type)
                                .execute();
                        if (inserted == 0) {
                            return false;
                        }
                        PipelineSpan handling = tracing.handle(envelope);
                        try {
                            handler.handle(envelope, new EventContext(handle, envelope, outbox));
                        } catch (RuntimeException e) {
                            handling.fail(e);
                            throw e;
                        } finally {
                            handling.close();
                        }
                        return true;
                    });
                    (firstDelivery ? processed : handlingTimer(topic, "duplicate")).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    String outcome = firstDelivery ? "processed" : "duplicate";
                    span.outcome(outcome);
                    count(topic, type, outcome);
                    log.debug("{} event id={} type={} key={} topic={}", firstDelivery ? "handled" : "skipped already processed",
                            envelope.id(), type, envelope.key(), topic.topicName());
                } catch (RuntimeException e) {
                    handlingTimer(topic, "failed").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    count(topic, type, "failed");
                    span.fail(e);
                    throw e;
                } finally {
                    MDC.remove("incidentId");
                    MDC.remove("traceId");
                }
            }
        };
    }

    /**
     * A consumer for a compacted topic that every instance reads in full at every start (runtime
     * settings): no inbox, since a restart must replay what an earlier run already processed, and no
     * transaction. The handler must be idempotent, e.g. keep the latest value per key. Bind it with
     * an anonymous group reading from the earliest offset (see {@code sentinel.runtime} docs).
     */
    public <E extends SentinelEvent> Consumer<Message<byte[]>> replaying(Topic topic, Class<E> family, Consumer<EventEnvelope<E>> handler) {
        return message -> {
            try (PipelineSpan span = process(topic, message)) {
                EventEnvelope<E> envelope = span.adopt(decode(topic, family, message, span), hasTraceParent(message));
                try {
                    handler.accept(envelope);
                } catch (RuntimeException e) {
                    count(topic, EventTypes.name(envelope.event().getClass()), "failed");
                    span.fail(e);
                    throw e;
                }
                span.outcome("processed");
                count(topic, EventTypes.name(envelope.event().getClass()), "processed");
            }
        };
    }

    private PipelineSpan process(Topic topic, Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        return tracing.process(topic.topicName(), name -> headerText(headers, name),
                headers.get(KafkaHeaders.RECEIVED_PARTITION) instanceof Integer partition ? partition : null,
                headers.get(KafkaHeaders.OFFSET) instanceof Long offset ? offset : null, headerText(headers, KafkaHeaders.RECEIVED_KEY),
                headerText(headers, KafkaHeaders.GROUP_ID));
    }

    private static boolean hasTraceParent(Message<byte[]> message) {
        return TraceParent.parse(headerText(message.getHeaders(), CloudEventHeaders.TRACE_PARENT)).isPresent();
    }

    private Timer handlingTimer(Topic topic, String outcome) {
        return Timer.builder("sentinel.events.handling").tag("topic", topic.topicName()).tag("outcome", outcome)
                .description("Time to handle one event, transaction included, by outcome: processed, duplicate (already processed, "
                        + "skipped) or failed (the handler threw; the delivery is retried or dead-lettered)")
                .register(meters);
    }

    private <E extends SentinelEvent> EventEnvelope<E> decode(Topic topic, Class<E> family, Message<byte[]> message, PipelineSpan span) {
        MessageHeaders headers = message.getHeaders();
        EventEnvelope<E> envelope;
        try {
            envelope = codec.read(topic, family, name -> headerText(headers, name), message.getPayload());
        } catch (EventContractViolation e) {
            count(topic, "unknown", "dead-lettered");
            span.fail(e);
            log.warn("dead-lettering record topic={} partition={} offset={}: {}", topic.topicName(),
                    headers.get(KafkaHeaders.RECEIVED_PARTITION), headers.get(KafkaHeaders.OFFSET), e.getMessage());
            throw e;
        }
        try {
            signatures.verify(topic, headerText(headers, KafkaHeaders.RECEIVED_KEY), name -> headerText(headers, name), message.getPayload());
        } catch (EventContractViolation e) {
            count(topic, EventTypes.name(envelope.event().getClass()), "untrusted");
            span.describe(envelope.event());
            span.fail(e);
            log.warn("dead-lettering untrusted record topic={} partition={} offset={} source={} type={}: {}", topic.topicName(),
                    headers.get(KafkaHeaders.RECEIVED_PARTITION), headers.get(KafkaHeaders.OFFSET), envelope.source(), envelope.type(),
                    e.getMessage());
            throw e;
        }
        return envelope;
    }

    private void count(Topic topic, String type, String outcome) {
        Counter.builder("sentinel.events.consumed").tag("topic", topic.topicName()).tag("type", type).tag("outcome", outcome)
                .description("Events consumed, by outcome: processed, duplicate (already processed), dead-lettered "
                        + "(breaks the contract), untrusted (not signed by the topic's producer; dead-lettered too) or failed (the "
                        + "handler threw; retried, then dead-lettered unless the failure is transient)")
                .register(meters).increment();
    }

    private static String headerText(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
