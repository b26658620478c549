package io.sentinel.executor.action;

import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.PlaybookStep;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Fails executions still RUNNING past their run deadline and rolls them back. Every step has a
 * deadline of its own, so a healthy run never gets here; this catches the rest (a runner stuck on
 * anything else, a thread lost), so nothing stays RUNNING, holding its incident and target, forever.
 */
public final class RunDeadlines {

    private static final Logger log = LoggerFactory.getLogger(RunDeadlines.class);

    private final ExecutionStore executions;
    private final PlaybookCatalog catalog;
    private final ExecutionJournal journal;
    private final Rollback rollback;
    private final Clock clock;

    public RunDeadlines(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback, Clock clock) {
        this.executions = executions;
        this.catalog = catalog;
        this.journal = journal;
        this.rollback = rollback;
        this.clock = clock;
    }

    /** How long a playbook's snapshot and steps may take together: the sum of their timeouts plus the margin. */
    public static Duration budget(Playbook playbook, Duration margin) {
        Duration budget = margin;
        if (playbook.snapshot() != null) {
            budget = budget.plus(playbook.snapshot().timeout());
        }
        for (PlaybookStep step : playbook.steps()) {
            budget = budget.plus(step.action().timeout());
        }
        return budget;
    }

    @Scheduled(fixedDelayString = "${sentinel.executor.run.check-interval:1s}")
    public void failOverdue() {
        try {
            for (Execution execution : executions.findRunOverdue(clock.instant())) {
                ExecutionLogContext.enter(execution);
                try {
                    Playbook playbook = catalog.find(execution.playbookId()).orElse(null);
                    String reason = "still running at its run deadline " + execution.runDeadline() + ", "
                            + Duration.between(execution.startedAt(), execution.runDeadline()).toSeconds()
                            + " s after it started (the sum of its snapshot's and steps' timeouts, and a margin)";
                    if (journal.failExecution(execution, ExecutionStatus.RUNNING, reason)) {
                        rollback.launch(execution, playbook, rollback.actionMayHaveRun(execution, playbook));
                    }
                } finally {
                    ExecutionLogContext.leave();
                }
            }
        } catch (RuntimeException e) {
            log.warn("run deadline check failed; retrying on the next round: {}", e.toString());
        }
    }
}
