package io.sentinel.executor.verification;

import io.sentinel.events.execution.StepPhase;
import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.execution.ExecutionVariables;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.step.StepOutcome;
import io.sentinel.executor.step.StepRunner;
import io.sentinel.executor.template.TemplateVariables;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a fix worked once the detector reports its incident's condition cleared: runs the
 * playbook's checks; all pass → SUCCEEDED, any fails → VerificationFailed and rollback. One
 * verification at a time per execution, however many clearings arrive.
 */
public final class Verifier {

    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    private final ExecutionStore executions;
    private final PlaybookCatalog catalog;
    private final ExecutionJournal journal;
    private final StepRunner steps;
    private final Rollback rollback;
    private final ExecutionVariables variables;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    public Verifier(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, StepRunner steps, Rollback rollback,
                    ExecutionVariables variables) {
        this.executions = executions;
        this.catalog = catalog;
        this.journal = journal;
        this.steps = steps;
        this.rollback = rollback;
        this.variables = variables;
    }

    /** Verifies on a virtual thread of its own: checks are HTTP calls, never made on a consumer thread. */
    public void launch(String executionId) {
        Thread.ofVirtual().name("verification-" + executionId).start(() -> verify(executionId));
    }

    /** Whether checks are running for the execution right now, so its deadline must wait for their verdict. */
    public boolean inProgress(String executionId) {
        return inProgress.contains(executionId);
    }

    /** Runs the checks of a VERIFYING execution, unless a verification of it is already running. */
    public void verify(String executionId) {
        if (!inProgress.add(executionId)) {
            return;
        }
        try {
            executions.find(executionId)
                    .filter(execution -> execution.status() == ExecutionStatus.VERIFYING)
                    .ifPresent(this::runChecks);
        } catch (RuntimeException e) {
            log.error("verification stopped by an unexpected error executionId={}; its deadline will decide", executionId, e);
        } finally {
            inProgress.remove(executionId);
        }
    }

    private void runChecks(Execution execution) {
        ExecutionLogContext.enter(execution);
        try {
            Playbook playbook = catalog.find(execution.playbookId()).orElse(null);
            if (playbook == null) {
                if (journal.failVerification(execution, "playbook '" + execution.playbookId() + "' is no longer in the catalog")) {
                    rollback.run(execution, null, true);
                }
                return;
            }
            TemplateVariables values = variables.of(execution, playbook, executions.snapshotBody(execution.executionId()).orElse(null));
            List<PlaybookStep> checks = playbook.verify().checks();
            for (int i = 0; i < checks.size(); i++) {
                PlaybookStep check = checks.get(i);
                StepOutcome outcome = steps.run(execution, check.name(), check.action(), StepPhase.CHECK, "check:" + i, values);
                if (!outcome.succeeded()) {
                    if (journal.failVerification(execution, "check '" + check.name() + "' failed: " + outcome.detail())) {
                        rollback.run(execution, playbook, true);
                    }
                    return;
                }
            }
            Instant clearedAt = executions.clearedAt(execution.incidentId()).orElse(execution.startedAt());
            journal.succeed(execution, "condition cleared " + seconds(Duration.between(execution.startedAt(), clearedAt))
                    + " after the action; " + passed(checks.size()));
        } finally {
            ExecutionLogContext.leave();
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", Math.max(0, duration.toMillis()) / 1000.0);
    }

    private static String passed(int checks) {
        return switch (checks) {
            case 0 -> "the playbook defines no checks";
            case 1 -> "1 check passed";
            default -> checks + " checks passed";
        };
    }
}
