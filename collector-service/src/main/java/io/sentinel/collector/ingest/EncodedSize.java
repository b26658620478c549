package io.sentinel.collector.ingest;

import io.sentinel.events.EventCodec;

/** How many bytes an item of an event (a log entry, a trace) takes on the wire, encoded as the event codec encodes it. */
public final class EncodedSize {

    private final EventCodec codec;

    public EncodedSize(EventCodec codec) {
        this.codec = codec;
    }

    public int of(Object item) {
        return codec.mapper().writeValueAsBytes(item).length;
    }
}
