package io.sentinel.executor.db;

import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What the stages read about executions outside a consumer's transaction, each read in a transaction of its own. */
public final class ExecutionStore {

    private final Jdbi jdbi;

    public ExecutionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Execution> find(String executionId) {
        return jdbi.withExtension(ExecutionDao.class, executions -> executions.find(executionId));
    }

    public List<Execution> findByStatus(ExecutionStatus status) {
        return jdbi.withExtension(ExecutionDao.class, executions -> executions.findByStatus(status));
    }

    /** VERIFYING executions whose verification deadline has passed. */
    public List<Execution> findVerificationOverdue(Instant now) {
        return jdbi.withExtension(ExecutionDao.class, executions -> executions.findVerificationOverdue(now));
    }

    /** RUNNING executions whose run deadline has passed. */
    public List<Execution> findRunOverdue(Instant now) {
        return jdbi.withExtension(ExecutionDao.class, executions -> executions.findRunOverdue(now));
    }

    /** What the execution's snapshot read, if it took one. */
    public Optional<String> snapshotBody(String executionId) {
        return jdbi.withExtension(SnapshotDao.class, snapshots -> snapshots.body(executionId));
    }

    /** The latest time the detector saw the incident's condition clear, if it did. */
    public Optional<Instant> clearedAt(String incidentId) {
        return jdbi.withExtension(IncidentConditionDao.class, conditions -> conditions.clearedAt(incidentId));
    }
}
