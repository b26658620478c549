package io.sentinel.runtime.kafka;

import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.outbox.EventEnvelopes;
import java.time.Duration;
import java.util.List;

/**
 * Publishes events that have no state change to be atomic with (freshly collected signals) straight
 * to Kafka, and returns only once the broker has acknowledged all of them, so a caller can answer
 * its own client truthfully. Each event starts its own trace.
 */
public final class DirectEventPublisher {

    private final EventEnvelopes envelopes;
    private final EventRecords records;
    private final EventProducer producer;
    private final Duration timeout;

    public DirectEventPublisher(EventEnvelopes envelopes, EventRecords records, EventProducer producer, Duration timeout) {
        this.envelopes = envelopes;
        this.records = records;
        this.producer = producer;
        this.timeout = timeout;
    }

    /** @throws EventPublicationException if the broker did not acknowledge every event in time */
    public void publishAll(List<? extends SentinelEvent> events) {
        producer.sendAll(events.stream()
                .map(event -> records.of(envelopes.wrap(event, EventIds.random(), TraceParent.root())))
                .toList(), timeout);
    }
}
