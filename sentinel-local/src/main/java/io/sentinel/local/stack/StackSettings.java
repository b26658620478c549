package io.sentinel.local.stack;

import io.sentinel.testkit.DatabaseCoordinates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start and where.
 *
 * @param servicePorts   HTTP port per service name (0 = any free port)
 * @param ingestToken    what clients present to the collector's ingest endpoints (logs, heartbeats, alerts, traces)
 * @param profiles       Spring profiles every service runs with; {@code local} loads {@code <service>-local.yaml}
 * @param overrides      extra properties per service name, on top of everything else
 * @param signingKeys    where the services' signing keys are kept across runs; null to make them for one run
 */
public record StackSettings(DatabaseCoordinates database, Map<String, Integer> servicePorts, List<DemoService> demos,
                            int inboxPort, String adminKey, String ingestToken, List<String> profiles,
                            Map<String, Map<String, String>> overrides, Path signingKeys) {

    public int portOf(String service) {
        return servicePorts.getOrDefault(service, 0);
    }

    public Map<String, String> overridesOf(String service) {
        return overrides.getOrDefault(service, Map.of());
    }
}
