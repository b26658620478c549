package io.sentinel.events.signal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.SentinelEvent;

/** Raw observations from the outside world, published by the collector. Keyed by resource. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface SignalEvent extends SentinelEvent permits MetricBatch, ExternalAlert, LogBatch, HeartbeatReceived, LlmTraceBatch {

    /** The resource (service, node, target) the signal is about. */
    String resource();

    @Override
    default String key() {
        return resource();
    }
}
