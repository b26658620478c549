package io.sentinel.executor.intake;

import io.sentinel.events.EventIds;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.action.ActionRunner;
import io.sentinel.executor.db.AfterCommit;
import io.sentinel.executor.db.ExecutionDao;
import io.sentinel.executor.db.IncidentConditionDao;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.precondition.Preconditions;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.consume.EventContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes authorized actions in: within the consumer's transaction it either records a PENDING
 * execution (with the target the action was authorized for) or publishes why it skipped the action;
 * the run itself starts after the commit, on another thread.
 */
public final class ActionIntake {

    private static final Logger log = LoggerFactory.getLogger(ActionIntake.class);

    private final PlaybookCatalog catalog;
    private final Preconditions preconditions;
    private final ActionRunner runner;
    private final ExecutionMetrics metrics;

    public ActionIntake(PlaybookCatalog catalog, Preconditions preconditions, ActionRunner runner, ExecutionMetrics metrics) {
        this.catalog = catalog;
        this.preconditions = preconditions;
        this.runner = runner;
        this.metrics = metrics;
    }

    public void onAuthorized(ActionAuthorized authorized, EventContext context) {
        String decisionId = context.cause().id();
        // The incident's clearing, judged at this moment, waits, and then sees what this commits.
        context.attach(IncidentConditionDao.class).lockIncident(authorized.incidentId());
        ExecutionDao executions = context.attach(ExecutionDao.class);
        if (executions.existsForDecision(decisionId)) {
            log.info("decision already has its execution; not running it again decisionId={}", decisionId);
            return;
        }
        TargetRef target = authorized.target();
        Admission admission = ExecutionAdmission.decide(catalog.check(authorized.action()),
                playbook -> preconditions.refusal(playbook, target, authorized.labels()),
                circumstances(authorized, context, executions));
        switch (admission) {
            case Admission.Skip skip -> skip(authorized, context, skip.reason());
            case Admission.Admit admit -> {
                String executionId = EventIds.derive(decisionId, "execution");
                int inserted = executions.insertPending(executionId, decisionId, authorized.incidentId(), admit.playbook().id(),
                        admit.parameters(), authorized.labels(), authorized.resource(), target, context.cause().traceParent().header());
                if (inserted == 1) {
                    AfterCommit.run(context, () -> runner.launch(executionId));
                    log.info("action admitted executionId={} decisionId={} playbook={} target={}", executionId, decisionId,
                            admit.playbook().id(), target == null ? null : target.name());
                } else if (!executions.existsForDecision(decisionId)) {
                    // Another intake took the incident or the target between the check and the insert.
                    Admission now = ExecutionAdmission.decide(catalog.check(authorized.action()), playbook -> Optional.empty(),
                            circumstances(authorized, context, executions));
                    skip(authorized, context, now instanceof Admission.Skip skip ? skip.reason()
                            : "another execution became active on this incident or target meanwhile");
                }
            }
        }
    }

    private static ExecutionAdmission.Circumstances circumstances(ActionAuthorized authorized, EventContext context,
                                                                  ExecutionDao executions) {
        TargetRef target = authorized.target();
        String incidentId = authorized.incidentId();
        return new ExecutionAdmission.Circumstances(context.attach(IncidentConditionDao.class).clearedWithoutRemediation(incidentId),
                executions.findSucceeded(incidentId), executions.findActive(incidentId).map(Execution::executionId),
                target == null ? Optional.empty() : executions.findActiveOnTarget(target.name()).map(Execution::executionId),
                target == null ? null : target.name());
    }

    private void skip(ActionAuthorized authorized, EventContext context, String reason) {
        String decisionId = context.cause().id();
        context.publish(new ExecutionSkipped(authorized.incidentId(), decisionId, reason));
        AfterCommit.run(context, () -> metrics.outcome(authorized.action().playbookId(), "skipped"));
        log.info("action skipped decisionId={} playbook={} reason=\"{}\"", decisionId, authorized.action().playbookId(), reason);
    }
}
