package io.sentinel.executor.action;

import io.sentinel.events.execution.StepPhase;
import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.execution.ExecutionVariables;
import io.sentinel.executor.execution.VerificationStart;
import io.sentinel.executor.precondition.Preconditions;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.step.StepRunner;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.executor.verification.Verifier;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookStep;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pending execution: checks once more that what it needs still holds (the target as
 * authorized, its labels, its secrets), then snapshot, then the playbook's steps in order, then
 * hands it to verification. The first failure stops it and rolls it back. Claiming the execution
 * (PENDING → RUNNING, with its run deadline) commits before any request is sent, so a second runner,
 * or a restart, never repeats it; a step is not started once something else (the run deadline) has
 * stopped the execution.
 */
public final class ActionRunner {

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ExecutionStore executions;
    private final PlaybookCatalog catalog;
    private final ExecutionJournal journal;
    private final StepRunner steps;
    private final Verifier verifier;
    private final Rollback rollback;
    private final Preconditions preconditions;
    private final ExecutionVariables variables;
    private final RunDeadlineProperties deadlines;
    private final Clock clock;

    public ActionRunner(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Verifier verifier,
                        Rollback rollback, Preconditions preconditions, ExecutionVariables variables, RunDeadlineProperties deadlines,
                        Clock clock) {
        this.executions = executions;
        this.catalog = catalog;
        this.journal = journal;
        this.steps = steps;
        this.verifier = verifier;
        this.rollback = rollback;
        this.preconditions = preconditions;
        this.variables = variables;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Runs the execution on a virtual thread of its own; the caller (a Kafka consumer) never waits on HTTP. */
    public void launch(String executionId) {
        Thread.ofVirtual().name("execution-" + executionId).start(() -> run(executionId));
    }

    void run(String executionId) {
        Execution pending = executions.find(executionId)
                .filter(execution -> execution.status() == ExecutionStatus.PENDING)
                .orElse(null);
        if (pending == null) {
            return;
        }
        ExecutionLogContext.enter(pending);
        try {
            Playbook playbook = catalog.find(pending.playbookId())
                    .orElseThrow(() -> new IllegalStateException("playbook '" + pending.playbookId() + "' vanished from the catalog"));
            Optional<String> refusal = preconditions.refusal(playbook, pending.target(), pending.labels());
            if (refusal.isPresent()) {
                journal.skip(pending, refusal.get());
                return;
            }
            journal.start(pending, RunDeadlines.budget(playbook, deadlines.deadlineMargin())).ifPresent(running -> act(running, playbook));
        } catch (RuntimeException e) {
            log.error("execution stopped by an unexpected error executionId={}", executionId, e);
            failAfterError(executionId, e);
        } finally {
            ExecutionLogContext.leave();
        }
    }

    private void act(Execution execution, Playbook playbook) {
        String snapshot = null;
        if (playbook.snapshot() != null) {
            StepOutcome taken = steps.run(execution, Playbook.SNAPSHOT_STEP, playbook.snapshot(), StepPhase.SNAPSHOT, "snapshot",
                    variables.of(execution, playbook, null));
            if (!taken.succeeded()) {
                fail(execution, playbook, "snapshot failed, so nothing was changed: " + taken.detail(), false);
                return;
            }
            snapshot = taken.responseBody() == null ? "" : taken.responseBody();
        }
        TemplateVariables values = variables.of(execution, playbook, snapshot);
        List<PlaybookStep> actions = playbook.steps();
        for (int i = 0; i < actions.size(); i++) {
            if (!journal.stillRunning(execution)) {
                log.warn("execution stopped before step {} executionId={}", actions.get(i).name(), execution.executionId());
                return;
            }
            PlaybookStep step = actions.get(i);
            StepOutcome outcome = steps.run(execution, step.name(), step.action(), StepPhase.ACTION, "step:" + i, values);
            if (!outcome.succeeded()) {
                fail(execution, playbook, "step '" + step.name() + "' failed: " + outcome.detail(), true);
                return;
            }
        }
        VerificationStart verification = journal.startVerification(execution, clock.instant().plus(playbook.verify().window()));
        if (verification == VerificationStart.CONDITION_ALREADY_CLEARED) {
            verifier.verify(execution.executionId());
        }
    }

    private void fail(Execution execution, Playbook playbook, String reason, boolean mayHaveActed) {
        if (journal.failExecution(execution, ExecutionStatus.RUNNING, reason)) {
            rollback.run(execution, playbook, mayHaveActed);
        }
    }

    /** A bug or an outage interrupted the run: fail it now rather than leave it RUNNING until its run deadline. */
    private void failAfterError(String executionId, RuntimeException error) {
        try {
            executions.find(executionId)
                    .filter(execution -> execution.status() == ExecutionStatus.RUNNING)
                    .ifPresent(execution -> {
                        if (journal.failExecution(execution, ExecutionStatus.RUNNING, "the executor hit an unexpected error: "
                                + error.getClass().getSimpleName())) {
                            rollback.run(execution, catalog.find(execution.playbookId()).orElse(null), true);
                        }
                    });
        } catch (RuntimeException again) {
            log.error("could not fail execution executionId={}; its run deadline will: {}", executionId, again.toString());
        }
    }
}
