package io.sentinel.policy.approval.db;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.ApprovalStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code approval_request}: a request leaves PENDING exactly once, since every status change is conditional on it. */
@RegisterConstructorMapper(ApprovalRequestDao.Row.class)
public interface ApprovalRequestDao {

    String COLUMNS = """
            approval_id, incident_id, playbook_id, parameters, risk, environment, resource, labels, required_role, policy_rule, status,
            expires_at, decided_by, decided_at, trace_parent, analysis_event_id, requested_event_id, target, required_approvals,
            requested_by, overridden_rule""";

    /** Stores a new request; storing the same approval id again changes nothing. */
    default void open(ApprovalRequest request) {
        insert(request, request.parameters(), request.labels(), request.target());
    }

    @SqlUpdate("""
            insert into approval_request (approval_id, incident_id, playbook_id, parameters, risk, environment, resource, labels,
                                          required_role, policy_rule, status, expires_at, trace_parent, analysis_event_id, requested_event_id,
                                          target, required_approvals, requested_by, overridden_rule)
            values (:r.approvalId, :r.incidentId, :r.playbookId, :parameters, :r.risk, :r.environment, :r.resource, :labels, :r.requiredRole,
                    :r.policyRule, :r.status, :r.expiresAt, :r.traceParent, :r.analysisEventId, :r.requestedEventId, :target,
                    :r.requiredApprovals, :r.requestedBy, :r.overriddenRule)
            on conflict (approval_id) do nothing""")
    void insert(@BindMethods("r") ApprovalRequest request, @Json Map<String, String> parameters, @Json Map<String, String> labels,
                @Json TargetRef target);

    default Optional<ApprovalRequest> find(String approvalId) {
        return row(approvalId).map(Row::request);
    }

    /** The request, locked until the transaction ends: votes on one request are counted one after the other. */
    default Optional<ApprovalRequest> lock(String approvalId) {
        return lockedRow(approvalId).map(Row::request);
    }

    @SqlQuery("select " + COLUMNS + " from approval_request where approval_id = :approvalId")
    Optional<Row> row(String approvalId);

    @SqlQuery("select " + COLUMNS + " from approval_request where approval_id = :approvalId for update")
    Optional<Row> lockedRow(String approvalId);

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
    default List<ApprovalRequest> lockOverdue(Instant now, int limit) {
        return overdueRows(now, limit).stream().map(Row::request).toList();
    }

    @SqlQuery("select " + COLUMNS + """
             from approval_request where status = 'PENDING' and expires_at <= :now
            order by expires_at limit :limit for update skip locked""")
    List<Row> overdueRows(Instant now, int limit);

    /** The earliest deadline of a pending request: when the next expiry is due. */
    @SqlQuery("select min(expires_at) from approval_request where status = 'PENDING'")
    Optional<Instant> nextDeadline();

    @SqlUpdate("update approval_request set status = 'EXPIRED', decided_at = :at where approval_id = :approvalId and status = 'PENDING'")
    int expire(String approvalId, Instant at);

    /** A row as stored: the jsonb columns read by JDBI's JSON plugin. */
    record Row(String approvalId, String incidentId, String playbookId, @Json Map<String, String> parameters, Risk risk, String environment,
               String resource, @Json Map<String, String> labels, Role requiredRole, String policyRule, ApprovalStatus status,
               Instant expiresAt, String decidedBy, Instant decidedAt, String traceParent, String analysisEventId, String requestedEventId,
               @Json TargetRef target, int requiredApprovals, String requestedBy, String overriddenRule) {

        ApprovalRequest request() {
            return new ApprovalRequest(approvalId, incidentId, playbookId, parameters, risk, environment, resource, labels, requiredRole,
                    policyRule, status, expiresAt, decidedBy, decidedAt, traceParent, analysisEventId, requestedEventId, target,
                    requiredApprovals, requestedBy, overriddenRule);
        }
    }
}
