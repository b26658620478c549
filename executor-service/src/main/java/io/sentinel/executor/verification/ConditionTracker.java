package io.sentinel.executor.verification;

import io.sentinel.executor.execution.ExecutionDao;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.execution.IncidentConditionDao;
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.runtime.consume.EventContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the detector says about incidents, and starts verifying an execution when its
 * incident's condition clears while it waits for that.
 */
public final class ConditionTracker {

    private static final Logger log = LoggerFactory.getLogger(ConditionTracker.class);

    private final Verifier verifier;

    public ConditionTracker(Verifier verifier) {
        this.verifier = verifier;
    }

    public void onCleared(ConditionCleared cleared, EventContext context) {
        context.attach(IncidentConditionDao.class).recordCleared(cleared.incidentId(), cleared.clearedAt());
        // Locked, so a runner moving the execution to VERIFYING right now either finishes first (and
        // this sees VERIFYING) or waits and then sees the clearing recorded above.
        context.attach(ExecutionDao.class).lockActive(cleared.incidentId())
                .filter(execution -> execution.status() == ExecutionStatus.VERIFYING)
                .filter(execution -> execution.clearedDuringVerification(cleared.clearedAt()))
                .ifPresent(execution -> {
                    log.info("condition cleared; verifying executionId={} clearedAt={}", execution.executionId(), cleared.clearedAt());
                    context.handle().afterCommit(() -> verifier.launch(execution.executionId()));
                });
    }

    public void onResolved(IncidentResolved resolved, EventContext context) {
        context.attach(IncidentConditionDao.class).recordResolved(resolved.incidentId(), resolved.resolvedAt());
    }
}
