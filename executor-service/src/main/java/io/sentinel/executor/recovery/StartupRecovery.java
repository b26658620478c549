package io.sentinel.executor.recovery;

import io.sentinel.executor.db.ExecutionJournal;
import io.sentinel.executor.db.ExecutionStore;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionLogContext;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.rollback.Rollback;
import io.sentinel.executor.verification.Verifier;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Settles what the previous run of the executor left unfinished, before any decision is consumed.
 * Executions that were pending or running are not run again (their action may have happened): they
 * fail and roll back. Interrupted rollbacks are not resumed: they are reported failed, for a human.
 * Verifying executions continue: their deadline still applies, and those whose condition already
 * cleared are verified now. Assumes one executor replica: a second one would see the first's
 * running executions as interrupted.
 */
public final class StartupRecovery implements SmartLifecycle {

    static final String INTERRUPTED = "executor restarted during the execution; not re-run so the action cannot run twice";
    static final String ROLLBACK_INTERRUPTED = "executor restarted during the rollback; not resumed, so the target may be partly restored";

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final ExecutionStore executions;
    private final PlaybookCatalog catalog;
    private final ExecutionJournal journal;
    private final Rollback rollback;
    private final Verifier verifier;
    private volatile boolean running;

    public StartupRecovery(ExecutionStore executions, PlaybookCatalog catalog, ExecutionJournal journal, Rollback rollback, Verifier verifier) {
        this.executions = executions;
        this.catalog = catalog;
        this.journal = journal;
        this.rollback = rollback;
        this.verifier = verifier;
    }

    @Override
    public void start() {
        recover();
        running = true;
    }

    /** Settles interrupted executions; returns how many it found. */
    public int recover() {
        // Read everything first: settling a running execution makes it ROLLING_BACK, which must not
        // then be mistaken for a rollback the previous run left behind.
        Map<ExecutionStatus, List<Execution>> unfinished = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus status : List.of(ExecutionStatus.PENDING, ExecutionStatus.RUNNING, ExecutionStatus.ROLLING_BACK,
                ExecutionStatus.VERIFYING)) {
            unfinished.put(status, executions.findByStatus(status));
        }
        for (ExecutionStatus interrupted : List.of(ExecutionStatus.PENDING, ExecutionStatus.RUNNING)) {
            for (Execution execution : unfinished.get(interrupted)) {
                ExecutionLogContext.enter(execution);
                try {
                    if (journal.failExecution(execution, interrupted, INTERRUPTED)) {
                        Playbook playbook = catalog.find(execution.playbookId()).orElse(null);
                        rollback.launch(execution, playbook, rollback.actionMayHaveRun(execution, playbook));
                    }
                } finally {
                    ExecutionLogContext.leave();
                }
            }
        }
        for (Execution execution : unfinished.get(ExecutionStatus.ROLLING_BACK)) {
            journal.rollbackFailed(execution, ROLLBACK_INTERRUPTED);
        }
        for (Execution execution : unfinished.get(ExecutionStatus.VERIFYING)) {
            boolean cleared = executions.clearedAt(execution.incidentId()).filter(execution::clearedDuringVerification).isPresent();
            if (cleared) {
                verifier.launch(execution.executionId());
            }
        }
        int found = unfinished.values().stream().mapToInt(List::size).sum();
        if (found > 0) {
            log.warn("start-up recovery settled unfinished executions pending={} running={} rollingBack={} verifying={}",
                    unfinished.get(ExecutionStatus.PENDING).size(), unfinished.get(ExecutionStatus.RUNNING).size(),
                    unfinished.get(ExecutionStatus.ROLLING_BACK).size(), unfinished.get(ExecutionStatus.VERIFYING).size());
        }
        return found;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the input bindings (and the outbox relay) start: nothing is consumed until the past is settled. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3000;
    }
}
