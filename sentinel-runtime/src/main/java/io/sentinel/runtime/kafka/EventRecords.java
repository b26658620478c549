package io.sentinel.runtime.kafka;

import io.sentinel.events.EventCodec;
import io.sentinel.events.EventEnvelope;

/** Turns envelopes into records for their topic. */
public final class EventRecords {

    private final EventCodec codec;

    public EventRecords(EventCodec codec) {
        this.codec = codec;
    }

    public EventRecord of(EventEnvelope<?> envelope) {
        return new EventRecord(envelope.id(), envelope.topic().topicName(), envelope.key(), codec.headers(envelope),
                codec.encode(envelope.event()));
    }
}
