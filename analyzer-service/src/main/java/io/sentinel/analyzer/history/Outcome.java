package io.sentinel.analyzer.history;

import io.sentinel.events.execution.ClearedWithoutRemediation;
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
import io.sentinel.events.incident.ConditionCleared;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.events.incident.IncidentUpdated;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an incident or execution event means for the incident's history: the outcome it settles, and
 * the line it adds to the timeline. Pure.
 */
public final class Outcome {

    public static final String EXECUTING = "remediation running";
    public static final String VERIFIED = "verified";

    private Outcome() {
    }

    /** The outcome an execution event settles, if it settles one. */
    public static Optional<String> of(ExecutionEvent event) {
        return Optional.ofNullable(switch (event) {
            case ExecutionStarted ignored -> EXECUTING;
            case VerificationPassed ignored -> VERIFIED;
            case VerificationFailed ignored -> "verification failed";
            case RollbackSucceeded ignored -> "verification failed, rolled back";
            case RollbackFailed ignored -> "rollback failed";
            case ExecutionFailed ignored -> "remediation failed";
            case ClearedWithoutRemediation ignored -> "cleared without remediation";
            case ExecutionSkipped ignored -> null;
            case StepCompleted ignored -> null;
            case VerificationStarted ignored -> null;
        });
    }

    /** The remediation an execution started, as "playbook (parameters)". */
    public static Optional<String> remediation(ExecutionEvent event) {
        if (event instanceof ExecutionStarted started) {
            return Optional.of(started.parameters().isEmpty() ? started.playbookId()
                    : started.playbookId() + " " + format(started.parameters()));
        }
        return Optional.empty();
    }

    public static String timelineEntry(ExecutionEvent event) {
        return switch (event) {
            case ExecutionStarted started -> "remediation started: " + remediation(started).orElseThrow();
            case StepCompleted step -> "step " + step.step() + " (" + step.phase().name().toLowerCase() + ") "
                    + (step.succeeded() ? "succeeded" : "failed") + ": " + step.detail();
            case VerificationStarted ignored -> "verification started";
            case VerificationPassed passed -> "verification passed: " + passed.detail();
            case VerificationFailed failed -> "verification failed: " + failed.reason();
            case ExecutionFailed failed -> "remediation failed: " + failed.reason();
            case RollbackSucceeded rolledBack -> "rolled back: " + rolledBack.detail();
            case RollbackFailed failed -> "rollback failed: " + failed.reason();
            case ExecutionSkipped skipped -> "remediation skipped: " + skipped.reason();
            case ClearedWithoutRemediation ignored -> "condition cleared without remediation";
        };
    }

    public static String timelineEntry(IncidentEvent event) {
        return switch (event) {
            case IncidentOpened opened -> "opened by rule " + opened.rule() + ": " + opened.title();
            case IncidentUpdated updated -> "seen again (" + updated.occurrences() + " times), severity " + updated.severity();
            case ConditionCleared ignored -> "condition cleared";
            case IncidentResolved resolved -> "resolved (" + resolved.resolution().name().toLowerCase().replace('_', ' ') + "): "
                    + resolved.summary();
            case IncidentEscalated escalated -> "escalated: " + escalated.reason();
        };
    }

    private static String format(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
