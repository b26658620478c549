package io.sentinel.executor.db;

import io.sentinel.events.target.TargetRef;
import io.sentinel.executor.execution.Execution;
import io.sentinel.executor.execution.ExecutionStatus;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.json.Json;

/**
 * An {@code execution} row as stored. Parameters and labels (JSON objects of strings) and the target
 * (a JSON object) are jsonb columns, read by JDBI's JSON plugin; the domain sees an {@link Execution}.
 */
public record ExecutionRow(String executionId, String decisionEventId, String incidentId, String playbookId,
                           @Json Map<String, String> parameters, @Json Map<String, String> labels, String resource, @Json TargetRef target,
                           ExecutionStatus status, Instant startedAt, Instant runDeadline, Instant verifyDeadline, Instant finishedAt,
                           String traceParent, String outcomeDetail) {

    Execution execution() {
        return new Execution(executionId, decisionEventId, incidentId, playbookId, parameters, labels, resource, target, status, startedAt,
                runDeadline, verifyDeadline, finishedAt, traceParent, outcomeDetail);
    }
}
