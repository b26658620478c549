package io.sentinel.runtime.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.events.EventCodec;
import io.sentinel.events.EventContractViolation;
import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventTypes;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.runtime.outbox.EventOutbox;
import io.sentinel.runtime.signing.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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

    public EventConsumers(EventCodec codec, Jdbi jdbi, EventOutbox outbox, MeterRegistry meters, Clock clock, SignatureVerifier signatures) {
        this.codec = codec;
        this.signatures = signatures;
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    public <E extends SentinelEvent> Consumer<Message<byte[]>> consumer(Topic topic, Class<E> family, EventHandler<E> handler) {
        Timer handling = Timer.builder("sentinel.events.handling").tag("topic", topic.topicName())
                .description("Time to handle one event, transaction included").register(meters);
        return message -> {
            EventEnvelope<E> envelope = decode(topic, family, message);
            String type = EventTypes.name(envelope.event().getClass());
            if (envelope.subject() != null) {
                MDC.put("incidentId", envelope.subject());
            }
            MDC.put("traceId", envelope.traceParent().traceId());
            try {
                meters.timer("sentinel.events.age", "topic", topic.topicName())
                        .record(Duration.between(envelope.time(), clock.instant()).abs());
                boolean firstDelivery = handling.record(() -> jdbi.inTransaction(handle -> {
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
                    handler.handle(envelope, new EventContext(handle, envelope, outbox));
                    return true;
                }));
                count(topic, type, firstDelivery ? "processed" : "duplicate");
                log.debug("{} event id={} type={} key={} topic={}", firstDelivery ? "handled" : "skipped already processed",
                        envelope.id(), type, envelope.key(), topic.topicName());
            } finally {
                MDC.remove("incidentId");
                MDC.remove("traceId");
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
            EventEnvelope<E> envelope = decode(topic, family, message);
            handler.accept(envelope);
            count(topic, EventTypes.name(envelope.event().getClass()), "processed");
        };
    }

    private <E extends SentinelEvent> EventEnvelope<E> decode(Topic topic, Class<E> family, Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        EventEnvelope<E> envelope;
        try {
            envelope = codec.read(topic, family, name -> headerText(headers, name), message.getPayload());
        } catch (EventContractViolation e) {
            count(topic, "unknown", "dead-lettered");
            log.warn("dead-lettering record topic={} partition={} offset={}: {}", topic.topicName(),
                    headers.get(KafkaHeaders.RECEIVED_PARTITION), headers.get(KafkaHeaders.OFFSET), e.getMessage());
            throw e;
        }
        try {
            signatures.verify(topic, headerText(headers, KafkaHeaders.RECEIVED_KEY), name -> headerText(headers, name), message.getPayload());
        } catch (EventContractViolation e) {
            count(topic, EventTypes.name(envelope.event().getClass()), "untrusted");
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
                        + "(breaks the contract) or untrusted (not signed by the topic's producer; dead-lettered too)")
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
