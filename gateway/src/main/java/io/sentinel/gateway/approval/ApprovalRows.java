package io.sentinel.gateway.approval;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of {@code approval_view} as {@link Approval}s, and the JSON its {@code target} and
 * {@code action_parameters} columns hold: written and read here, with the one mapper, so they match.
 * Public with a public constructor, since Jdbi instantiates it.
 */
public final class ApprovalRows implements RowMapper<Approval> {

    static final String COLUMNS = """
            approval_id, incident_id, state, required_role, playbook_id, action_parameters::text as action_parameters,
            target::text as target, risk, requested_at, expires_at, decided_by, decided_at""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }

    @Override
    public Approval map(ResultSet rs, StatementContext ctx) throws SQLException {
        String parameters = rs.getString("action_parameters");
        String target = rs.getString("target");
        return new Approval(rs.getString("approval_id"), rs.getString("incident_id"), ApprovalState.valueOf(rs.getString("state")),
                enumOf(Role.class, rs.getString("required_role")), rs.getString("playbook_id"),
                parameters == null ? Map.of() : JSON.readValue(parameters, PARAMETERS),
                target == null ? null : JSON.readValue(target, TargetRef.class),
                enumOf(Risk.class, rs.getString("risk")), instant(rs, "requested_at"), instant(rs, "expires_at"),
                rs.getString("decided_by"), instant(rs, "decided_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
