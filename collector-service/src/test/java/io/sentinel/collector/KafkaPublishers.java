package io.sentinel.collector;

import io.sentinel.events.EventCodec;
import io.sentinel.runtime.kafka.DirectEventPublisher;
import io.sentinel.runtime.kafka.EventEnvelopes;
import io.sentinel.runtime.kafka.EventProducer;
import io.sentinel.runtime.kafka.EventRecords;
import io.sentinel.testkit.TestKeyring;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The runtime's real publisher, on a real broker, for tests of one stage without a Spring context. */
public final class KafkaPublishers {

    private KafkaPublishers() {
    }

    /** Close the producer after the test; the publisher waits for the broker's acknowledgement as in production. */
    public static EventProducer producer(String bootstrapServers) {
        return new EventProducer(Map.of("bootstrap.servers", bootstrapServers));
    }

    public static DirectEventPublisher publisher(EventProducer producer) {
        return new DirectEventPublisher(new EventEnvelopes("collector", Clock.systemUTC()), new EventRecords(new EventCodec(), TestKeyring.signer("collector")), producer,
                Duration.ofSeconds(15));
    }
}
