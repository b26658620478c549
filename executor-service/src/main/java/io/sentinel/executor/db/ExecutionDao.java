package io.sentinel.executor.db;

import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ExecutionRowMapper.class)
public interface ExecutionDao {

    String COLUMNS = """
            execution_id, decision_event_id, incident_id, playbook_id, parameters, labels, resource, target, status, started_at,
            run_deadline, verify_deadline, finished_at, trace_parent, outcome_detail""";
    String ACTIVE = "status in ('PENDING', 'RUNNING', 'VERIFYING', 'ROLLING_BACK')";

    @SqlQuery("select " + COLUMNS + " from execution where execution_id = :executionId")
    Optional<Execution> find(String executionId);

    @SqlQuery("select status from execution where execution_id = :executionId")
    Optional<ExecutionStatus> status(String executionId);

    @SqlQuery("select exists (select 1 from execution where decision_event_id = :decisionEventId)")
    boolean existsForDecision(String decisionEventId);

    @SqlQuery("select " + COLUMNS + " from execution where incident_id = :incidentId and " + ACTIVE)
    Optional<Execution> findActive(String incidentId);

    @SqlQuery("select " + COLUMNS + " from execution where target_name = :targetName and " + ACTIVE)
    Optional<Execution> findActiveOnTarget(String targetName);

    /** The incident's execution whose verification passed, if one did: its fix worked. */
    @SqlQuery("select execution_id from execution where incident_id = :incidentId and status = 'SUCCEEDED' order by finished_at limit 1")
    Optional<String> findSucceeded(String incidentId);

    /** The incident's active execution, locked until the transaction ends so its status cannot change meanwhile. */
    @SqlQuery("select " + COLUMNS + " from execution where incident_id = :incidentId and " + ACTIVE + " for update")
    Optional<Execution> lockActive(String incidentId);

    @SqlQuery("select " + COLUMNS + " from execution where status = :status order by started_at nulls first, execution_id")
    List<Execution> findByStatus(ExecutionStatus status);

    @SqlQuery("select " + COLUMNS + " from execution where status = 'VERIFYING' and verify_deadline <= :now order by verify_deadline")
    List<Execution> findVerificationOverdue(Instant now);

    @SqlQuery("select " + COLUMNS + " from execution where status = 'RUNNING' and run_deadline <= :now order by run_deadline")
    List<Execution> findRunOverdue(Instant now);

    /**
     * @return 1 if inserted; 0 if the decision already has its execution, or (raced for by another
     *         intake) the incident or the target already has an active one
     */
    default int insertPending(String executionId, String decisionEventId, String incidentId, String playbookId,
                              Map<String, String> parameters, Map<String, String> labels, String resource, TargetRef target,
                              String traceParent) {
        return insertPendingRow(executionId, decisionEventId, incidentId, playbookId, parameters, labels, resource,
                target == null ? null : target.name(), target, traceParent);
    }

    @SqlUpdate("""
            insert into execution (execution_id, decision_event_id, incident_id, playbook_id, parameters, labels, resource, target_name,
                                   target, status, trace_parent)
            values (:executionId, :decisionEventId, :incidentId, :playbookId, :parameters, :labels, :resource, :targetName, :target,
                    'PENDING', :traceParent)
            on conflict do nothing""")
    int insertPendingRow(String executionId, String decisionEventId, String incidentId, String playbookId,
                         @Json Map<String, String> parameters, @Json Map<String, String> labels, String resource, String targetName,
                         @Json TargetRef target, String traceParent);

    @SqlUpdate("""
            update execution set status = 'RUNNING', started_at = :at, run_deadline = :runDeadline
            where execution_id = :executionId and status = 'PENDING'""")
    int markRunning(String executionId, Instant at, Instant runDeadline);

    @SqlUpdate("""
            update execution set status = 'SKIPPED', finished_at = :at, outcome_detail = :reason
            where execution_id = :executionId and status = 'PENDING'""")
    int markSkipped(String executionId, Instant at, String reason);

    @SqlUpdate("""
            update execution set status = 'VERIFYING', verify_deadline = :deadline
            where execution_id = :executionId and status = 'RUNNING'""")
    int markVerifying(String executionId, Instant deadline);

    @SqlUpdate("""
            update execution set status = 'ROLLING_BACK', outcome_detail = :reason
            where execution_id = :executionId and status = :from""")
    int markRollingBack(String executionId, ExecutionStatus from, String reason);

    @SqlUpdate("""
            update execution set status = :to, finished_at = :at, outcome_detail = coalesce(outcome_detail || '; ', '') || :detail
            where execution_id = :executionId and status = :from""")
    int finish(String executionId, ExecutionStatus from, ExecutionStatus to, Instant at, String detail);
}
