package io.sentinel.executor.intake;

import io.sentinel.events.EventIds;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.executor.action.ActionRunner;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionDao;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.execution.IncidentConditionDao;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.runtime.consume.EventContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes authorized actions in: within the consumer's transaction it either records a PENDING
 * execution or publishes why it skipped the action; the run itself starts after the commit, on
 * another thread.
 */
public final class ActionIntake {

    private static final Logger log = LoggerFactory.getLogger(ActionIntake.class);

    private final PlaybookCatalog catalog;
    private final ActionRunner runner;
    private final ExecutionMetrics metrics;

    public ActionIntake(PlaybookCatalog catalog, ActionRunner runner, ExecutionMetrics metrics) {
        this.catalog = catalog;
        this.runner = runner;
        this.metrics = metrics;
    }

    public void onAuthorized(ActionAuthorized authorized, EventContext context) {
        String decisionId = context.cause().id();
        ExecutionDao executions = context.attach(ExecutionDao.class);
        if (executions.existsForDecision(decisionId)) {
            log.info("decision already has its execution; not running it again decisionId={}", decisionId);
            return;
        }
        Admission admission = ExecutionAdmission.decide(catalog.check(authorized.action()),
                context.attach(IncidentConditionDao.class).resolved(authorized.incidentId()),
                executions.findActive(authorized.incidentId()).map(Execution::executionId));
        switch (admission) {
            case Admission.Skip skip -> {
                context.publish(new ExecutionSkipped(authorized.incidentId(), decisionId, skip.reason()));
                context.handle().afterCommit(() -> metrics.outcome(authorized.action().playbookId(), "skipped"));
                log.info("action skipped decisionId={} playbook={} reason=\"{}\"", decisionId, authorized.action().playbookId(), skip.reason());
            }
            case Admission.Admit admit -> {
                String executionId = EventIds.derive(decisionId, "execution");
                int inserted = executions.insertPending(executionId, decisionId, authorized.incidentId(), admit.playbook().id(),
                        admit.parameters(), authorized.labels(), authorized.resource(), context.cause().traceParent().header());
                if (inserted == 1) {
                    context.handle().afterCommit(() -> runner.launch(executionId));
                    log.info("action admitted executionId={} decisionId={} playbook={}", executionId, decisionId, admit.playbook().id());
                }
            }
        }
    }
}
