package io.sentinel.executor.db;

import io.sentinel.events.EventIds;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ExecutionFailed;
import io.sentinel.events.execution.ExecutionSkipped;
import io.sentinel.events.execution.ExecutionStarted;
import io.sentinel.events.execution.RollbackFailed;
import io.sentinel.events.execution.RollbackSucceeded;
import io.sentinel.events.execution.StepCompleted;
import io.sentinel.events.execution.VerificationFailed;
import io.sentinel.events.execution.VerificationPassed;
import io.sentinel.events.execution.VerificationStarted;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionMetrics;
import io.sentinel.executor.execution.ExecutionStatus;
import io.sentinel.executor.execution.VerificationStart;
import io.sentinel.runtime.outbox.EventOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens to executions: each state change commits together with the event that
 * announces it, and happens only from the status it expects, so a stage raced for by two threads (or
 * repeated after a restart) happens once. Event ids are derived from the execution id and the stage,
 * so a repeated publication is the same event. Every event names the authorizing decision as its
 * cause and continues the decision's trace.
 */
public final class ExecutionJournal {

    private static final Logger log = LoggerFactory.getLogger(ExecutionJournal.class);

    private final Jdbi jdbi;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ExecutionMetrics metrics;

    public ExecutionJournal(Jdbi jdbi, EventOutbox outbox, Clock clock, ExecutionMetrics metrics) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * PENDING → RUNNING, to be finished by {@code now + budget}. Empty if the execution was not
     * pending: it already ran, or never will.
     */
    public Optional<Execution> start(Execution execution, Duration budget) {
        Instant now = clock.instant();
        Optional<Execution> started = jdbi.inTransaction(handle -> {
            ExecutionDao executions = handle.attach(ExecutionDao.class);
            if (executions.markRunning(execution.executionId(), now, now.plus(budget)) == 0) {
                return Optional.empty();
            }
            publish(handle, execution, new ExecutionStarted(execution.incidentId(), execution.decisionEventId(), execution.executionId(),
                    execution.playbookId(), execution.parameters(), now), "started");
            return executions.find(execution.executionId());
        });
        started.ifPresent(running -> log.info("execution started executionId={} incidentId={} playbook={}", running.executionId(),
                running.incidentId(), running.playbookId()));
        return started;
    }

    /** PENDING → SKIPPED: what the execution needs no longer holds, and nothing was sent. */
    public boolean skip(Execution execution, String reason) {
        boolean skipped = jdbi.inTransaction(handle -> {
            if (handle.attach(ExecutionDao.class).markSkipped(execution.executionId(), clock.instant(), reason) == 0) {
                return false;
            }
            publish(handle, execution, new ExecutionSkipped(execution.incidentId(), execution.decisionEventId(), reason), "skipped");
            return true;
        });
        if (skipped) {
            metrics.outcome(execution.playbookId(), "skipped");
            log.info("execution skipped executionId={} reason=\"{}\"", execution.executionId(), reason);
        }
        return skipped;
    }

    /** Whether the execution is still RUNNING: nothing (its run deadline, a restart) has stopped it meanwhile. */
    public boolean stillRunning(Execution execution) {
        return jdbi.withExtension(ExecutionDao.class, executions -> executions.status(execution.executionId()))
                .filter(status -> status == ExecutionStatus.RUNNING).isPresent();
    }

    /** Publishes a step's outcome; for a successful snapshot, stores the body a rollback will restore. */
    public void recordStep(Execution execution, StepCompleted step, String stage, String snapshotBody) {
        jdbi.useTransaction(handle -> {
            if (snapshotBody != null) {
                handle.attach(SnapshotDao.class).insert(execution.executionId(), snapshotBody, clock.instant());
            }
            publish(handle, execution, step, stage);
        });
    }

    /** RUNNING → VERIFYING until {@code deadline}; says whether the condition has already cleared. */
    public VerificationStart startVerification(Execution execution, Instant deadline) {
        VerificationStart start = jdbi.inTransaction(handle -> {
            if (handle.attach(ExecutionDao.class).markVerifying(execution.executionId(), deadline) == 0) {
                return VerificationStart.NOT_RUNNING;
            }
            publish(handle, execution, new VerificationStarted(execution.incidentId(), execution.decisionEventId(),
                    execution.executionId(), deadline), "verifying");
            // Read after the update, in its transaction: a ConditionCleared handled concurrently either
            // committed before this read, or waits on the row lock and then sees VERIFYING.
            Execution verifying = handle.attach(ExecutionDao.class).find(execution.executionId()).orElseThrow();
            boolean cleared = handle.attach(IncidentConditionDao.class).clearedAt(execution.incidentId())
                    .filter(verifying::clearedDuringVerification).isPresent();
            return cleared ? VerificationStart.CONDITION_ALREADY_CLEARED : VerificationStart.AWAITING_CONDITION;
        });
        if (start != VerificationStart.NOT_RUNNING) {
            log.info("execution verifying executionId={} deadline={} conditionCleared={}", execution.executionId(), deadline,
                    start == VerificationStart.CONDITION_ALREADY_CLEARED);
        }
        return start;
    }

    /** VERIFYING → SUCCEEDED. */
    public boolean succeed(Execution execution, String detail) {
        boolean succeeded = finish(execution, ExecutionStatus.VERIFYING, ExecutionStatus.SUCCEEDED, detail,
                new VerificationPassed(execution.incidentId(), execution.decisionEventId(), execution.executionId(), detail), "passed");
        if (succeeded) {
            metrics.outcome(execution.playbookId(), "succeeded");
            log.info("execution succeeded executionId={} detail=\"{}\"", execution.executionId(), detail);
        }
        return succeeded;
    }

    /** {@code from} → ROLLING_BACK because the execution could not complete; the caller then rolls back. */
    public boolean failExecution(Execution execution, ExecutionStatus from, String reason) {
        return toRollingBack(execution, from, reason,
                new ExecutionFailed(execution.incidentId(), execution.decisionEventId(), execution.executionId(), reason), "failed");
    }

    /** VERIFYING → ROLLING_BACK because the fix did not work; the caller then rolls back. */
    public boolean failVerification(Execution execution, String reason) {
        return toRollingBack(execution, ExecutionStatus.VERIFYING, reason,
                new VerificationFailed(execution.incidentId(), execution.decisionEventId(), execution.executionId(), reason),
                "verification-failed");
    }

    /** ROLLING_BACK → ROLLED_BACK. */
    public boolean rolledBack(Execution execution, String detail) {
        boolean done = finish(execution, ExecutionStatus.ROLLING_BACK, ExecutionStatus.ROLLED_BACK, detail,
                new RollbackSucceeded(execution.incidentId(), execution.decisionEventId(), execution.executionId(), detail), "rolled-back");
        if (done) {
            metrics.outcome(execution.playbookId(), "rolled-back");
            log.info("execution rolled back executionId={} detail=\"{}\"", execution.executionId(), detail);
        }
        return done;
    }

    /** ROLLING_BACK → ROLLBACK_FAILED: the target may be left changed; a human must look. */
    public boolean rollbackFailed(Execution execution, String reason) {
        boolean done = finish(execution, ExecutionStatus.ROLLING_BACK, ExecutionStatus.ROLLBACK_FAILED, reason,
                new RollbackFailed(execution.incidentId(), execution.decisionEventId(), execution.executionId(), reason), "rollback-failed");
        if (done) {
            metrics.outcome(execution.playbookId(), "rollback-failed");
            log.warn("execution rollback failed executionId={} reason=\"{}\"", execution.executionId(), reason);
        }
        return done;
    }

    private boolean toRollingBack(Execution execution, ExecutionStatus from, String reason, ExecutionEvent event, String stage) {
        boolean moved = jdbi.inTransaction(handle -> {
            if (handle.attach(ExecutionDao.class).markRollingBack(execution.executionId(), from, reason) == 0) {
                return false;
            }
            publish(handle, execution, event, stage);
            return true;
        });
        if (moved) {
            log.warn("execution failed executionId={} from={} reason=\"{}\"", execution.executionId(), from, reason);
        }
        return moved;
    }

    private boolean finish(Execution execution, ExecutionStatus from, ExecutionStatus to, String detail, ExecutionEvent event,
                           String stage) {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(ExecutionDao.class).finish(execution.executionId(), from, to, clock.instant(), detail) == 0) {
                return false;
            }
            publish(handle, execution, event, stage);
            return true;
        });
    }

    private void publish(Handle handle, Execution execution, ExecutionEvent event, String stage) {
        outbox.publish(handle, event, EventIds.derive(execution.executionId(), stage), execution.nextSpan());
    }
}
