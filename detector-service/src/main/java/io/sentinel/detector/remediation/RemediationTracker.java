package io.sentinel.detector.remediation;

import io.sentinel.detector.incident.IncidentDao;
import io.sentinel.detector.incident.IncidentLifecycle;
import io.sentinel.detector.incident.OpenIncident;
import io.sentinel.detector.incident.Remediation;
import io.sentinel.detector.incident.IncidentPhase;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.incident.Resolution;
import java.time.Clock;

/**
 * Follows the executor's work on the detector's incidents: a verified fix resolves the incident, a
 * fix that had to be rolled back escalates it to a human.
 */
public final class RemediationTracker {

    private final IncidentLifecycle lifecycle;
    private final Clock clock;

    public RemediationTracker(IncidentLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public void onExecution(ExecutionEvent event, DetectionContext context) {
        IncidentDao incidents = context.attach(IncidentDao.class);
        OpenIncident incident = incidents.findOpen(event.incidentId()).orElse(null);
        if (incident == null) {
            return;
        }
        switch (event) {
            case ExecutionStarted started -> incidents.setRemediation(incident.incidentId(), Remediation.RUNNING);
            case VerificationPassed passed -> lifecycle.resolve(context, incident, Resolution.REMEDIATED,
                    "verified: " + passed.detail() + " (execution " + passed.executionId() + ")", clock.instant());
            case RollbackSucceeded rolledBack -> giveUp(context, incident,
                    "remediation " + rolledBack.executionId() + " did not fix the incident and was rolled back: " + rolledBack.detail());
            case RollbackFailed rollbackFailed -> giveUp(context, incident,
                    "remediation " + rollbackFailed.executionId() + " failed and so did its rollback: " + rollbackFailed.reason());
            default -> {
                // Steps and verification progress change nothing here; the outcome events above do.
            }
        }
    }

    private void giveUp(DetectionContext context, OpenIncident incident, String reason) {
        lifecycle.escalate(context, incident, reason, clock.instant());
        if (incident.phase() == IncidentPhase.CLEARED) {
            lifecycle.resolve(context, incident, Resolution.CLEARED_BY_ITSELF, "condition cleared after escalation", clock.instant());
        }
    }
}
