package io.sentinel.gateway.incident.db;

import io.sentinel.gateway.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tools.jackson.databind.JsonNode;

/** {@code timeline_entry}: one row per event about an incident; a redelivered event is recorded once. */
public interface TimelineDao {

    /** @param detail the event as it travelled */
    @SqlUpdate("""
            insert into timeline_entry (event_id, incident_id, occurred_at, type, source, summary, detail, trace_id)
            values (:eventId, :incidentId, :occurredAt, :type, :source, :summary, :detail, :traceId)
            on conflict (event_id) do nothing""")
    void append(String eventId, String incidentId, Instant occurredAt, String type, String source, String summary, @Json JsonNode detail,
                String traceId);

    /** In the order the events happened; events of the same instant in the order they arrived. */
    default List<TimelineEntry> entries(String incidentId) {
        return rows(incidentId).stream().map(Row::entry).toList();
    }

    @SqlQuery("""
            select event_id, occurred_at, type, source, summary, detail, trace_id
            from timeline_entry where incident_id = :incidentId order by occurred_at, seq""")
    @RegisterConstructorMapper(Row.class)
    List<Row> rows(String incidentId);

    /** A row as stored: {@code detail} read by JDBI's JSON plugin. */
    record Row(String eventId, Instant occurredAt, String type, String source, String summary, @Json JsonNode detail, String traceId) {

        TimelineEntry entry() {
            return new TimelineEntry(eventId, occurredAt, type, source, summary, detail, traceId);
        }
    }
}
