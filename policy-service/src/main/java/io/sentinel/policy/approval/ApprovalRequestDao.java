package io.sentinel.policy.approval;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ApprovalRequestDao.Mapper.class)
public interface ApprovalRequestDao {

    String COLUMNS = """
            approval_id, incident_id, playbook_id, parameters::text as parameters, risk, environment, resource, labels::text as labels,
            required_role, policy_rule, status, expires_at, decided_by, decided_at, trace_parent, analysis_event_id, requested_event_id,
            target::text as target""";

    /** Stores a new request; storing the same approval id again changes nothing. */
    default void open(ApprovalRequest request) {
        insert(request, JsonColumns.write(request.parameters()), JsonColumns.write(request.labels()), JsonColumns.writeTarget(request.target()));
    }

    @SqlUpdate("""
            insert into approval_request (approval_id, incident_id, playbook_id, parameters, risk, environment, resource, labels,
                                          required_role, policy_rule, status, expires_at, trace_parent, analysis_event_id, requested_event_id,
                                          target)
            values (:r.approvalId, :r.incidentId, :r.playbookId, cast(:parameters as jsonb), :r.risk, :r.environment, :r.resource,
                    cast(:labels as jsonb), :r.requiredRole, :r.policyRule, :r.status, :r.expiresAt, :r.traceParent, :r.analysisEventId,
                    :r.requestedEventId, cast(:target as jsonb))
            on conflict (approval_id) do nothing""")
    void insert(@BindMethods("r") ApprovalRequest request, String parameters, String labels, String target);

    @SqlQuery("select " + COLUMNS + " from approval_request where approval_id = :approvalId")
    Optional<ApprovalRequest> find(String approvalId);

    /**
     * Settles a pending request that has not expired yet. Two votes handled at once both get here;
     * the row lock makes the second wait and then find the request no longer pending.
     *
     * @return 1 if this call decided the request, 0 if something else got there first
     */
    @SqlUpdate("""
            update approval_request set status = :status, decided_by = :decidedBy, decided_at = :at
            where approval_id = :approvalId and status = 'PENDING' and expires_at > :at""")
    int decide(String approvalId, ApprovalStatus status, String decidedBy, Instant at);

    /** Pending requests past their expiry, locked; a second replica skips them rather than waiting. */
    @SqlQuery("select " + COLUMNS + """
             from approval_request where status = 'PENDING' and expires_at <= :now
            order by expires_at limit :limit for update skip locked""")
    List<ApprovalRequest> lockOverdue(Instant now, int limit);

    @SqlUpdate("update approval_request set status = 'EXPIRED', decided_at = :at where approval_id = :approvalId and status = 'PENDING'")
    int expire(String approvalId, Instant at);

    final class Mapper implements RowMapper<ApprovalRequest> {

        @Override
        public ApprovalRequest map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApprovalRequest(rs.getString("approval_id"), rs.getString("incident_id"), rs.getString("playbook_id"),
                    JsonColumns.read(rs.getString("parameters")), Risk.valueOf(rs.getString("risk")), rs.getString("environment"),
                    rs.getString("resource"), JsonColumns.read(rs.getString("labels")), Role.valueOf(rs.getString("required_role")),
                    rs.getString("policy_rule"), ApprovalStatus.valueOf(rs.getString("status")), instant(rs, "expires_at"),
                    rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("trace_parent"), rs.getString("analysis_event_id"),
                    rs.getString("requested_event_id"), JsonColumns.readTarget(rs.getString("target")));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
