package io.sentinel.executor.execution;

import io.sentinel.events.target.TargetRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads execution rows; parameters and labels are JSON objects of strings, the target a JSON object, in jsonb columns. */
public final class ExecutionRowMapper implements RowMapper<Execution> {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    @Override
    public Execution map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Execution(rs.getString("execution_id"), rs.getString("decision_event_id"), rs.getString("incident_id"),
                rs.getString("playbook_id"), fromJson(rs.getString("parameters")), fromJson(rs.getString("labels")),
                rs.getString("resource"), target(rs.getString("target")), ExecutionStatus.valueOf(rs.getString("status")),
                instant(rs, "started_at"), instant(rs, "run_deadline"), instant(rs, "verify_deadline"), instant(rs, "finished_at"),
                rs.getString("trace_parent"), rs.getString("outcome_detail"));
    }

    static String toJson(Object value) {
        return value == null ? null : JsonMapper.shared().writeValueAsString(value);
    }

    private static Map<String, String> fromJson(String json) {
        return JsonMapper.shared().readValue(json, STRING_MAP);
    }

    private static TargetRef target(String json) {
        return json == null ? null : JsonMapper.shared().readValue(json, TargetRef.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
