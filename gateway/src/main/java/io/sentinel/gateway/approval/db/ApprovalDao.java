package io.sentinel.gateway.approval.db;

import io.sentinel.events.analysis.Risk;
import io.sentinel.events.approval.Role;
import io.sentinel.events.target.TargetRef;
import io.sentinel.gateway.approval.Approval;
import io.sentinel.gateway.approval.ApprovalForVote;
import io.sentinel.gateway.approval.ApprovalState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code approval_view}: the approvals as the policy service decides them. */
public interface ApprovalDao {

    /**
     * A decision that arrived before its request stands: the request only fills in what was asked.
     *
     * @param target     null if the request named no target
     * @param parameters the playbook's parameters
     */
    @SqlUpdate("""
            insert into approval_view (approval_id, incident_id, state, required_role, playbook_id, action_parameters, target, risk,
                                       requested_at, expires_at, requested_event_id, trace_parent, required_approvals, policy_rule,
                                       requested_by, overridden_rule)
            values (:approvalId, :incidentId, 'PENDING', :requiredRole, :playbookId, :parameters, :target, :risk, :requestedAt, :expiresAt,
                    :requestedEventId, :traceParent, :requiredApprovals, :policyRule, :requestedBy, :overriddenRule)
            on conflict (approval_id) do update set required_role = excluded.required_role, playbook_id = excluded.playbook_id,
                   action_parameters = excluded.action_parameters, target = excluded.target,
                   risk = excluded.risk, requested_at = excluded.requested_at, expires_at = excluded.expires_at,
                   requested_event_id = excluded.requested_event_id, trace_parent = excluded.trace_parent,
                   required_approvals = excluded.required_approvals, policy_rule = excluded.policy_rule,
                   requested_by = excluded.requested_by, overridden_rule = excluded.overridden_rule""")
    void recordRequest(String approvalId, String incidentId, Role requiredRole, String playbookId, @Json Map<String, String> parameters,
                       @Json TargetRef target, Risk risk, Instant requestedAt, Instant expiresAt, String requestedEventId, String traceParent,
                       int requiredApprovals, String policyRule, String requestedBy, String overriddenRule);

    /** The first decision wins; a pending approval is the only kind that can be decided. */
    @SqlUpdate("""
            insert into approval_view (approval_id, incident_id, state, decided_by, decided_at)
            values (:approvalId, :incidentId, :state, :decidedBy, :decidedAt)
            on conflict (approval_id) do update set state = excluded.state, decided_by = excluded.decided_by,
                   decided_at = excluded.decided_at
            where approval_view.state = 'PENDING'""")
    void recordDecision(String approvalId, String incidentId, ApprovalState state, String decidedBy, Instant decidedAt);

    default List<Approval> forIncident(String incidentId) {
        return rowsForIncident(incidentId).stream().map(Row::approval).toList();
    }

    @SqlQuery("""
            select approval_id, incident_id, state, required_role, playbook_id, action_parameters, target, risk, requested_at, expires_at,
                   decided_by, decided_at, required_approvals, policy_rule, requested_by, overridden_rule
            from approval_view where incident_id = :incidentId order by requested_at nulls last, approval_id""")
    @RegisterConstructorMapper(Row.class)
    List<Row> rowsForIncident(String incidentId);

    /** Locks the approval, so that a vote is checked against the state it is published in. */
    @SqlQuery("""
            select approval_id, incident_id, state, required_role, expires_at, requested_event_id, trace_parent, requested_by,
                   required_approvals
            from approval_view where approval_id = :approvalId for update""")
    @RegisterConstructorMapper(ApprovalForVote.class)
    Optional<ApprovalForVote> lockForVote(String approvalId);

    /** A row as stored: the jsonb columns read by JDBI's JSON plugin; what only the request brings is null before it arrives. */
    record Row(String approvalId, String incidentId, ApprovalState state, Role requiredRole, String playbookId,
               @Json Map<String, String> actionParameters, @Json TargetRef target, Risk risk, Instant requestedAt, Instant expiresAt,
               String decidedBy, Instant decidedAt, Integer requiredApprovals, String policyRule, String requestedBy,
               String overriddenRule) {

        Approval approval() {
            return new Approval(approvalId, incidentId, state, requiredRole, playbookId, actionParameters, target, risk, requestedAt,
                    expiresAt, decidedBy, decidedAt, requiredApprovals, policyRule, requestedBy, overriddenRule);
        }
    }
}
