package io.sentinel.runtime.kafka;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;
import io.sentinel.runtime.signing.EventSigner;

/** Turns envelopes into signed records for their topic. */
public final class EventRecords {

    private final EventCodec codec;
    private final EventSigner signer;

    public EventRecords(EventCodec codec, EventSigner signer) {
        this.codec = codec;
        this.signer = signer;
    }

    public EventRecord of(EventEnvelope<?> envelope) {
        String topic = envelope.topic().topicName();
        byte[] payload = codec.encode(envelope.event());
        return new EventRecord(envelope.id(), topic, envelope.key(), signer.sign(topic, envelope.key(), codec.headers(envelope), payload),
                payload);
    }
}
