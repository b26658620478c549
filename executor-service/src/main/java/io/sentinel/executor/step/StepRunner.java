package io.sentinel.executor.step;

import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.StepAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one step of an execution with the kind its action names, and publishes its {@code StepCompleted}, whatever the outcome. */
public final class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StepKinds kinds;
    private final ExecutionJournal journal;
    private final ExecutionMetrics metrics;

    public StepRunner(StepKinds kinds, ExecutionJournal journal, ExecutionMetrics metrics) {
        this.kinds = kinds;
        this.journal = journal;
        this.metrics = metrics;
    }

    /**
     * @param stage unique within the execution (e.g. {@code step:0}); the event id is derived from it,
     *              so running the same stage again publishes the same event
     */
    public StepOutcome run(Execution execution, String name, StepAction action, StepPhase phase, String stage, TemplateVariables variables) {
        StepOutcome outcome = kinds.run(action, variables);
        metrics.step(phase, outcome.durationMillis());
        if (!outcome.succeeded()) {
            log.info("step failed executionId={} step={} kind={} phase={} retryable={}", execution.executionId(), name, action.kind(), phase,
                    outcome.retryable());
        }
        var event = new StepCompleted(execution.incidentId(), execution.decisionEventId(), execution.executionId(), name, phase,
                outcome.succeeded(), outcome.detail(), outcome.durationMillis());
        boolean keepSnapshot = phase == StepPhase.SNAPSHOT && outcome.succeeded();
        journal.recordStep(execution, event, stage, keepSnapshot ? bodyOrEmpty(outcome) : null);
        return outcome;
    }

    private static String bodyOrEmpty(StepOutcome outcome) {
        return outcome.responseBody() == null ? "" : outcome.responseBody();
    }
}
