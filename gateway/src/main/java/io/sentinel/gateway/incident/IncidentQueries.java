package io.sentinel.gateway.incident;

import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.Resolution;
import io.sentinel.events.incident.Severity;
import io.sentinel.gateway.approval.ApprovalDao;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the incident read model. */
@Component
public class IncidentQueries {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final JsonMapper json;

    public IncidentQueries(Jdbi jdbi, JsonMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Newest first: by when the incident opened, or for one whose IncidentOpened has not arrived, when it was last heard of. */
    public List<IncidentSummary> list(Optional<IncidentState> state, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select incident_id, state, title, severity, resource, environment, playbook_id, risk, opened_at, updated_at,
                               resolved_at, resolution
                        from incident_view
                        where cast(:state as text) is null or state = :state
                        order by coalesce(opened_at, updated_at) desc, incident_id
                        limit :limit""")
                .bind("state", state.map(Enum::name).orElse(null))
                .bind("limit", limit)
                .registerRowMapper(ConstructorMapper.factory(IncidentSummary.class))
                .mapTo(IncidentSummary.class)
                .list());
    }

    public Optional<Incident> find(String incidentId) {
        return jdbi.inTransaction(handle -> handle.createQuery("select *, labels::text as labels_json from incident_view where incident_id = :id")
                .bind("id", incidentId)
                .map((rs, ctx) -> incident(rs))
                .findOne()
                .map(incident -> incident.withHistory(timeline(handle, incidentId), handle.attach(ApprovalDao.class).forIncident(incidentId))));
    }

    private Incident incident(ResultSet rs) throws SQLException {
        String labels = rs.getString("labels_json");
        return new Incident(rs.getString("incident_id"), IncidentState.valueOf(rs.getString("state")), rs.getString("title"),
                enumOf(Severity.class, rs.getString("severity")), rs.getString("resource"), rs.getString("environment"),
                rs.getString("rule"), rs.getString("fingerprint"), labels == null ? Map.of() : json.readValue(labels, LABELS),
                instant(rs, "opened_at"), instant(rs, "updated_at"), instant(rs, "resolved_at"),
                enumOf(Resolution.class, rs.getString("resolution")), rs.getString("playbook_id"), enumOf(Risk.class, rs.getString("risk")),
                enumOf(Analyst.class, rs.getString("analyst")), rs.getString("root_cause"), rs.getObject("confidence", Double.class),
                rs.getString("fallback_reason"), rs.getString("approval_id"), rs.getString("trace_id"), List.of(), List.of());
    }

    private List<TimelineEntry> timeline(Handle handle, String incidentId) {
        return handle.createQuery("""
                        select event_id, occurred_at, type, source, summary, detail::text as detail, trace_id
                        from timeline_entry where incident_id = :id order by occurred_at, seq""")
                .bind("id", incidentId)
                .map((rs, ctx) -> new TimelineEntry(rs.getString("event_id"), instant(rs, "occurred_at"), rs.getString("type"),
                        rs.getString("source"), rs.getString("summary"), json.readTree(rs.getString("detail")), rs.getString("trace_id")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
