package io.sentinel.executor.rollback;

import io.sentinel.events.execution.StepPhase;
import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.execution.ExecutionVariables;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.step.StepRunner;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookStep;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes an execution that failed or did not fix its incident, by running the playbook's rollback
 * steps (which usually restore {@code {{snapshot.body}}}). Ends every failed execution with exactly
 * one {@code RollbackSucceeded} or {@code RollbackFailed}: the detector escalates the incident on it.
 * Callers hand over only executions they moved to ROLLING_BACK themselves. Rollback steps have
 * deadlines like every step (their own timeouts): none waits on a target for ever.
 */
public final class Rollback {

    private static final Logger log = LoggerFactory.getLogger(Rollback.class);

    private final ExecutionStore executions;
    private final ExecutionJournal journal;
    private final StepRunner steps;
    private final ExecutionVariables variables;

    public Rollback(ExecutionStore executions, ExecutionJournal journal, StepRunner steps, ExecutionVariables variables) {
        this.executions = executions;
        this.journal = journal;
        this.steps = steps;
        this.variables = variables;
    }

    /**
     * Whether an action step of a running execution may have run. A playbook that snapshots first
     * but has no snapshot stored stopped before any action; otherwise an action may have run.
     */
    public boolean actionMayHaveRun(Execution execution, Playbook playbook) {
        if (execution.status() == ExecutionStatus.PENDING) {
            return false;
        }
        if (playbook == null || playbook.snapshot() == null) {
            return true;
        }
        return executions.snapshotBody(execution.executionId()).isPresent();
    }

    /** Rolls back on a virtual thread of its own, for callers that must not wait on HTTP. */
    public void launch(Execution execution, Playbook playbook, boolean mayHaveActed) {
        Thread.ofVirtual().name("rollback-" + execution.executionId()).start(() -> {
            ExecutionLogContext.enter(execution);
            try {
                run(execution, playbook, mayHaveActed);
            } catch (RuntimeException e) {
                log.error("rollback stopped by an unexpected error executionId={}; it stays ROLLING_BACK until the next start",
                        execution.executionId(), e);
            } finally {
                ExecutionLogContext.leave();
            }
        });
    }

    /**
     * @param playbook     the execution's playbook, or null if the catalog no longer has it
     * @param mayHaveActed false when the execution failed before any action step could run
     */
    public void run(Execution execution, Playbook playbook, boolean mayHaveActed) {
        if (!mayHaveActed) {
            journal.rolledBack(execution, "no action step ran; nothing to undo");
            return;
        }
        if (playbook == null) {
            journal.rollbackFailed(execution, "playbook '" + execution.playbookId() + "' is no longer in the catalog; cannot roll back");
            return;
        }
        List<PlaybookStep> rollback = playbook.rollback();
        if (rollback.isEmpty()) {
            journal.rolledBack(execution, "the playbook defines no rollback; nothing to undo");
            return;
        }
        String snapshot = executions.snapshotBody(execution.executionId()).orElse(null);
        TemplateVariables values = variables.of(execution, playbook, snapshot);
        for (int i = 0; i < rollback.size(); i++) {
            PlaybookStep step = rollback.get(i);
            StepOutcome outcome = steps.run(execution, step.name(), step.action(), StepPhase.ROLLBACK, "rollback:" + i, values);
            if (!outcome.succeeded()) {
                journal.rollbackFailed(execution, "rollback step '" + step.name() + "' failed: " + outcome.detail());
                return;
            }
        }
        journal.rolledBack(execution, "undone by " + rollback.size() + (rollback.size() == 1 ? " rollback step: " : " rollback steps: ")
                + String.join(", ", rollback.stream().map(PlaybookStep::name).toList()));
    }
}
