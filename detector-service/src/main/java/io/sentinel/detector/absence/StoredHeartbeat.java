package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.Map;

/** A heartbeat as the detector keeps it: what its last beat said, and since when it is watched. */
public record StoredHeartbeat(String name, Map<String, String> labels, Long everyMs, Long graceMs, Instant watchedSince, Instant lastBeatAt) {

    public StoredHeartbeat {
        labels = labels == null ? Map.of() : labels;
    }
}
