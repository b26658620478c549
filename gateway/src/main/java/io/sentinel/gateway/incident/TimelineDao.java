package io.sentinel.gateway.incident;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface TimelineDao {

    @SqlUpdate("""
            insert into timeline_entry (event_id, incident_id, occurred_at, type, source, summary, detail, trace_id)
            values (:eventId, :incidentId, :occurredAt, :type, :source, :summary, cast(:detail as jsonb), :traceId)
            on conflict (event_id) do nothing""")
    void append(String eventId, String incidentId, Instant occurredAt, String type, String source, String summary, String detail,
                String traceId);
}
