package io.sentinel.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/** An encoded event, ready for a topic: what the outbox stores and what the producer sends. */
public record EventRecord(String eventId, String topic, String key, Map<String, String> headers, byte[] payload) {

    public ProducerRecord<String, byte[]> toProducerRecord() {
        var record = new ProducerRecord<String, byte[]>(topic, key, payload);
        // Header values are raw UTF-8, as the CloudEvents Kafka binding specifies.
        headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }
}
