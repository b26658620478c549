package io.sentinel.runtime.kafka;

import io.sentinel.events.EventIds;
import io.sentinel.events.SentinelEvent;
import io.sentinel.events.TraceParent;
import io.sentinel.runtime.kafka.EventEnvelopes;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
        producer.sendAll(IntStream.range(0, events.size())
                .mapToObj(index -> records.of(envelopes.wrap(events.get(index), id.apply(index), TraceParent.root())))
                .toList(), timeout);
    }
}
