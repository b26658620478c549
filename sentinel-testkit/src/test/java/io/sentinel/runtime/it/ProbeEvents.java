package io.sentinel.runtime.it;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.TestInfrastructure;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What the probe service is fed, and what it records, seen past the service (straight from the database). */
final class ProbeEvents {

    private ProbeEvents() {
    }

    static IncidentOpened opened(String incidentId) {
        Instant now = Instant.now();
        return new IncidentOpened(incidentId, UUID.randomUUID().toString(), "fp-" + incidentId, "memory-usage-high", "Memory high",
                Severity.WARNING, "shop", Map.of(), new Observation("memory_usage_ratio", 0.7, 0.6, null, now), now, null);
    }

    /** Whether the probe running in {@code schema} recorded the event as handled. */
    static boolean handled(String schema, String eventId) throws SQLException {
        DatabaseCoordinates db = TestInfrastructure.database();
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var query = connection.prepareStatement("select count(*) from " + schema + ".handled where event_id = ?")) {
            query.setString(1, eventId);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1) == 1;
        }
    }
}
