package io.sentinel.executor.verification;

import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Fails executions whose condition did not clear within their playbook's verification window, and
 * rolls them back. Executions whose checks are running are left to the checks' verdict.
 */
public final class VerificationDeadlines {

    private static final Logger log = LoggerFactory.getLogger(VerificationDeadlines.class);

    private final ExecutionStore executions;
    private final PlaybookCatalog catalog;
    private final ExecutionJournal journal;
    private final Verifier verifier;
    private final Rollback rollback;
    private final Clock clock;

    public VerificationDeadlines(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, Verifier verifier, Rollback rollback,
                                 Clock clock) {
        this.executions = executions;
        this.catalog = catalog;
        this.journal = journal;
        this.verifier = verifier;
        this.rollback = rollback;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${sentinel.executor.verification.check-interval:1s}")
    public void failOverdue() {
        try {
            for (Execution execution : executions.findVerificationOverdue(clock.instant())) {
                if (verifier.inProgress(execution.executionId())) {
                    continue;
                }
                ExecutionLogContext.enter(execution);
                try {
                    Playbook playbook = catalog.find(execution.playbookId()).orElse(null);
                    Duration window = playbook != null
                            ? playbook.verify().window()
                            : Duration.between(execution.startedAt(), execution.verifyDeadline());
                    if (journal.failVerification(execution, "condition still present " + describe(window) + " after the action")) {
                        rollback.launch(execution, playbook, true);
                    }
                } finally {
                    ExecutionLogContext.leave();
                }
            }
        } catch (RuntimeException e) {
            log.warn("verification deadline check failed; retrying on the next round: {}", e.toString());
        }
    }

    private static String describe(Duration window) {
        if (window.toMillisPart() != 0 || window.isZero()) {
            return window.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (window.toHours() > 0) {
            text.append(window.toHours()).append('h');
        }
        if (window.toMinutesPart() > 0) {
            text.append(window.toMinutesPart()).append('m');
        }
        if (window.toSecondsPart() > 0) {
            text.append(window.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
