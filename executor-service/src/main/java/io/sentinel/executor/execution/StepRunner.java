package io.sentinel.executor.execution;

import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.StepPhase;
import io.sentinel.executor.http.HttpStepClient;
import io.sentinel.executor.http.StepOutcome;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.HttpRequestSpec;

/** Runs one step of an execution and publishes its {@code StepCompleted}, whatever the outcome. */
public final class StepRunner {

    private final HttpStepClient http;
    private final ExecutionJournal journal;
    private final ExecutionMetrics metrics;

    public StepRunner(HttpStepClient http, ExecutionJournal journal, ExecutionMetrics metrics) {
        this.http = http;
        this.journal = journal;
        this.metrics = metrics;
    }

    /**
     * @param stage unique within the execution (e.g. {@code step:0}); the event id is derived from it,
     *              so running the same stage again publishes the same event
     */
    public StepOutcome run(Execution execution, String name, HttpRequestSpec request, StepPhase phase, String stage,
                           TemplateVariables variables) {
        StepOutcome outcome = http.execute(request, variables);
        metrics.step(phase, outcome.durationMillis());
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
