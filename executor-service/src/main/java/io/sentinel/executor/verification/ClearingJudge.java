package io.sentinel.executor.verification;

import io.sentinel.events.execution.ClearedWithoutRemediation;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.executor.db.AfterCommit;
import io.sentinel.executor.db.ExecutionDao;
import io.sentinel.executor.db.IncidentConditionDao;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's answer to the detector's {@code ConditionCleared} (ADR 0009): it verifies the
 * incident's execution with it, keeps it for the execution about to verify, or, when no fix of
 * Sentinel's is working on the incident, publishes {@code ClearedWithoutRemediation} and records it,
 * so that a decision arriving later is skipped. The detector ends the incident on that verdict, and
 * only on the executor's verdicts.
 */
public final class ClearingJudge {

    private static final Logger log = LoggerFactory.getLogger(ClearingJudge.class);

    private final Verifier verifier;
    private final ExecutionMetrics metrics;
    private final Clock clock;

    public ClearingJudge(Verifier verifier, ExecutionMetrics metrics, Clock clock) {
        this.verifier = verifier;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void onCleared(ConditionCleared cleared, EventContext context) {
        String incidentId = cleared.incidentId();
        Instant now = clock.instant();
        Instant clearedAt = ClearingVerdict.counted(cleared.clearedAt(), now);
        if (!clearedAt.equals(cleared.clearedAt())) {
            log.warn("condition cleared in the future by this executor's clock; counted as now incidentId={} clearedAt={} now={}",
                    incidentId, cleared.clearedAt(), now);
        }
        IncidentConditionDao conditions = context.attach(IncidentConditionDao.class);
        // A decision for the incident taken in at this moment waits, and then sees what this commits.
        conditions.lockIncident(incidentId);
        // Locked, so a runner moving the execution on right now either finishes first (and this sees
        // where it went) or waits and then finds this clearing recorded.
        ExecutionDao executions = context.attach(ExecutionDao.class);
        switch (ClearingVerdict.of(executions.lockActive(incidentId), clearedAt)) {
            case ClearingVerdict.Verify verify -> {
                conditions.recordCleared(incidentId, clearedAt);
                String executionId = verify.execution().executionId();
                log.info("condition cleared; verifying executionId={} clearedAt={}", executionId, clearedAt);
                AfterCommit.run(context, () -> verifier.launch(executionId));
            }
            case ClearingVerdict.AwaitVerification await -> {
                conditions.recordCleared(incidentId, clearedAt);
                log.info("condition cleared while the action runs; it counts once verification starts executionId={} clearedAt={}",
                        await.execution().executionId(), clearedAt);
            }
            case ClearingVerdict.NotCounted notCounted -> {
                conditions.recordCleared(incidentId, clearedAt);
                log.info("condition cleared; not counted for executionId={} status={}: {} clearedAt={}",
                        notCounted.execution().executionId(), notCounted.execution().status(), notCounted.why(), clearedAt);
            }
            case ClearingVerdict.ClearedByItself byItself -> {
                conditions.recordClearedWithoutRemediation(incidentId, clearedAt);
                context.publish(new ClearedWithoutRemediation(incidentId, context.cause().id(), clearedAt));
                byItself.pendingToSkip().ifPresent(pending -> skip(pending, executions, now, context));
                log.info("condition cleared without remediation incidentId={} clearedAt={}", incidentId, clearedAt);
            }
        }
    }

    /** The action was admitted but has not run: it now never will (its runner finds it no longer PENDING). */
    private void skip(Execution pending, ExecutionDao executions, Instant now, EventContext context) {
        String reason = ClearingVerdict.CLEARED_BEFORE_THE_ACTION;
        if (executions.markSkipped(pending.executionId(), now, reason) == 1) {
            context.publish(new ExecutionSkipped(pending.incidentId(), pending.decisionEventId(), reason), pending.nextSpan());
            AfterCommit.run(context, () -> metrics.outcome(pending.playbookId(), "skipped"));
            log.info("execution skipped executionId={} reason=\"{}\"", pending.executionId(), reason);
        }
    }
}
