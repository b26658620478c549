package io.sentinel.runtime.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.Topic;
import io.sentinel.runtime.tracing.PipelineTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Publishes events that have no state change to be atomic with (freshly collected signals) straight
 * to Kafka, and returns only once the broker has acknowledged all of them, so a caller can answer
 * its own client truthfully. Each event starts its own trace ({@code <topic> publish}), linked to
 * the span current when it is published (the ingest request, the collection round).
 */
public final class DirectEventPublisher {

    private final EventEnvelopes envelopes;
    private final EventRecords records;
    private final EventProducer producer;
    private final Duration timeout;
    private final PipelineTracing tracing;
    private final MeterRegistry meters;

    public DirectEventPublisher(EventEnvelopes envelopes, EventRecords records, EventProducer producer, Duration timeout,
                                PipelineTracing tracing, MeterRegistry meters) {
        this.envelopes = envelopes;
        this.records = records;
        this.producer = producer;
        this.timeout = timeout;
        this.tracing = tracing;
        this.meters = meters;
    }

    /** Without spans or metrics: for tools and tests that publish as a service would. */
    public DirectEventPublisher(EventEnvelopes envelopes, EventRecords records, EventProducer producer, Duration timeout) {
        this(envelopes, records, producer, timeout, PipelineTracing.disabled(), new SimpleMeterRegistry());
    }

    /** @throws EventPublicationException if the broker did not acknowledge every event in time */
    public void publishAll(List<? extends SentinelEvent> events) {
        publish(events, index -> EventIds.random());
    }

    /**
     * As {@link #publishAll(List)}, with ids derived from the caller's idempotency key and each
     * event's position: a client that retries a request it got no answer to publishes the same ids
     * again, and every consumer's inbox drops the repeats, whichever of the first attempt's events
     * the broker had taken.
     */
    public void publishAll(List<? extends SentinelEvent> events, String idempotencyKey) {
        publish(events, index -> EventIds.derive(idempotencyKey, Integer.toString(index)));
    }

    private void publish(List<? extends SentinelEvent> events, IntFunction<String> id) {
        List<PipelineTracing.Publication> publications = new ArrayList<>(events.size());
        List<EventRecord> batch = new ArrayList<>(events.size());
        for (int index = 0; index < events.size(); index++) {
            SentinelEvent event = events.get(index);
            String eventId = id.apply(index);
            PipelineTracing.Publication publication = tracing.publishDirect(Topic.of(event).topicName(), event, eventId);
            publications.add(publication);
            batch.add(records.of(envelopes.wrap(event, eventId, publication.traceParent())));
        }
        int acknowledged = 0;
        try {
            acknowledged = producer.sendInOrder(batch, timeout);
        } finally {
            for (int index = 0; index < publications.size(); index++) {
                if (index < acknowledged) {
                    published(batch.get(index).topic()).increment();
                } else {
                    publications.get(index).span().fail("not acknowledged by Kafka within " + timeout);
                }
                publications.get(index).span().close();
            }
        }
        if (acknowledged < batch.size()) {
            throw new EventPublicationException("Kafka acknowledged " + acknowledged + " of " + batch.size() + " records within " + timeout);
        }
    }

    private Counter published(String topic) {
        return Counter.builder("sentinel.events.published").tag("topic", topic).tag("via", "direct")
                .description("Events acknowledged by Kafka, by topic and way: outbox (relayed after a commit) or direct (signals)")
                .register(meters);
    }
}
