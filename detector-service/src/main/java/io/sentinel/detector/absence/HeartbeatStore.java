package io.sentinel.detector.absence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The heartbeats ({@code heartbeat}). Readers lock what they judge, so a beat and a tick never decide
 * on one heartbeat at once (the tick could otherwise fire on a beat it did not see yet).
 */
public interface HeartbeatStore {

    List<StoredHeartbeat> lockAll();

    Optional<StoredHeartbeat> lock(String name);

    /** A configured heartbeat is watched from the first time the detector expected it, restarts included. */
    void expect(String name, Instant at);

    void beat(String name, Map<String, String> labels, Long everyMs, Long graceMs, Instant at, Instant recordedAt);

    void forget(String name);
}
