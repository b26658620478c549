package io.sentinel.gateway.incident;

import io.sentinel.events.EventTypes;
import io.sentinel.events.IncidentScoped;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.AnalysisEvent;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.approval.ApprovalVoteCast;
import io.sentinel.events.decision.ActionAuthorized;
import io.sentinel.events.decision.ActionBlocked;
import io.sentinel.events.decision.ActionRejected;
import io.sentinel.events.decision.ApprovalExpired;
import io.sentinel.events.decision.ApprovalMode;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.decision.DecisionEvent;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.execution.ClearedWithoutRemediation;
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
import io.sentinel.events.incident.Observation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The one-line sentence a timeline shows for an event, e.g. "Approved by alice". Pure. Free text
 * from events (reasons, details) is folded onto one line and capped, since the full event is kept
 * next to the sentence anyway.
 */
public final class TimelineSummary {

    static final int MAX_LENGTH = 300;
    /** Past incidents named on the line; the event beside it lists them all. */
    static final int SIMILAR_NAMED = 3;
    /** How the policy service names a brake where it names the rule that decided. */
    private static final String BRAKE = "brake:";

    private TimelineSummary() {
    }

    public static String of(IncidentScoped event) {
        return oneLine(switch (event) {
            case IncidentEvent incident -> incident(incident);
            case AnalysisEvent analysis -> analysis(analysis);
            case DecisionEvent decision -> decision(decision);
            case ExecutionEvent execution -> execution(execution);
            case ApprovalVoteCast vote -> vote(vote);
            default -> EventTypes.name(event.getClass());
        });
    }

    private static String incident(IncidentEvent event) {
        return switch (event) {
            case IncidentOpened opened -> "Opened: " + opened.title() + observed(opened.observation(), ">");
            case IncidentUpdated updated -> "Still firing (" + updated.occurrences() + " occurrences)" + observed(updated.observation(), ">");
            case ConditionCleared cleared -> "Condition cleared" + observed(cleared.observation(), "<");
            case IncidentEscalated escalated -> "Escalated: " + escalated.reason();
            case IncidentResolved resolved -> "Resolved (" + resolved.resolution() + "): " + resolved.summary();
        };
    }

    private static String analysis(AnalysisEvent event) {
        return switch (event) {
            case AnalysisCompleted completed -> {
                String proposal = completed.proposedAction() == null
                        ? "no playbook fits"
                        : "proposes " + completed.proposedAction().playbookId();
                yield "Analyzed by " + analystLabel(completed) + ": " + completed.rootCause() + "; " + proposal
                        + " (risk " + completed.risk() + ", confidence " + twoDecimals(completed.confidence()) + ")"
                        + evidence(completed.evidence()) + similar(completed.similarIncidents()) + usage(completed.usage());
            }
        };
    }

    /** {@code heuristic} or {@code llm:<model>}, as the analysis names itself; plain {@code llm} if it names no model. */
    public static String analystLabel(AnalysisCompleted completed) {
        return completed.analyst() == Analyst.LLM && completed.model() == null ? "llm" : completed.analystLabel();
    }

    private static String evidence(List<String> evidence) {
        return switch (evidence.size()) {
            case 0 -> "";
            case 1 -> "; 1 piece of evidence";
            default -> "; " + evidence.size() + " pieces of evidence";
        };
    }

    private static String similar(List<String> incidents) {
        if (incidents.isEmpty()) {
            return "";
        }
        String named = String.join(", ", incidents.subList(0, Math.min(SIMILAR_NAMED, incidents.size())));
        return "; similar to " + named + (incidents.size() > SIMILAR_NAMED ? " and " + (incidents.size() - SIMILAR_NAMED) + " more" : "");
    }

    private static String usage(ModelUsage usage) {
        if (usage == null) {
            return "";
        }
        return "; " + usage.tokensIn() + " tokens in, " + usage.tokensOut() + " out"
                + (usage.costUsd() == null ? "" : String.format(Locale.ROOT, ", $%.4f", usage.costUsd()))
                + ", " + usage.latencyMillis() + " ms";
    }

    private static String decision(DecisionEvent event) {
        return switch (event) {
            case ActionAuthorized authorized -> authorized.approval() == ApprovalMode.AUTO
                    ? "Auto-approved by policy rule " + authorized.policyRule()
                    : "Approved by " + authorized.approvedBy();
            case ApprovalRequested requested -> "Approval requested from " + approvers(requested)
                    + (requested.target() == null ? ""
                    : " to run " + requested.action().playbookId() + " on " + requested.target().name() + " (" + requested.target().environment() + ")")
                    + (requested.requestedBy() == null ? "" : ", requested by " + requested.requestedBy())
                    + (requested.policyRule().startsWith(BRAKE) ? ", because " + requested.policyRule() + " is engaged"
                    + (requested.overriddenRule() == null ? "" : " (rule " + requested.overriddenRule() + " would have run it alone)") : "")
                    + " (expires " + seconds(requested.expiresAt()) + ")";
            case ActionRejected rejected -> "Rejected by " + rejected.rejectedBy() + withComment(rejected.comment());
            case ApprovalExpired expired -> "Approval expired unanswered at " + seconds(expired.expiredAt());
            case ActionBlocked blocked -> "Blocked by policy rule " + blocked.policyRule() + ": " + blocked.reason();
        };
    }

    /** "operator", or "2 distinct operators" where the rule asks for more than one. */
    private static String approvers(ApprovalRequested requested) {
        String role = requested.requiredRole().name().toLowerCase(Locale.ROOT);
        return requested.requiredApprovals() == 1 ? role : requested.requiredApprovals() + " distinct " + role + "s";
    }

    private static String execution(ExecutionEvent event) {
        return switch (event) {
            case ExecutionStarted started -> "Execution started: " + started.playbookId();
            case StepCompleted step -> "Step " + step.step() + (step.succeeded() ? " succeeded: " : " failed: ") + step.detail();
            case VerificationStarted verifying -> "Verifying until " + seconds(verifying.deadline());
            case VerificationPassed passed -> "Verification passed: " + passed.detail();
            case VerificationFailed failed -> "Verification failed: " + failed.reason();
            case ExecutionFailed failed -> "Execution failed: " + failed.reason();
            case RollbackSucceeded rolledBack -> "Rolled back: " + rolledBack.detail();
            case RollbackFailed failed -> "Rollback failed: " + failed.reason();
            case ExecutionSkipped skipped -> "Execution skipped: " + skipped.reason();
            case ClearedWithoutRemediation cleared -> "Condition cleared with no remediation of Sentinel's involved";
        };
    }

    private static String vote(ApprovalVoteCast vote) {
        return vote.voter() + " voted " + vote.vote().name().toLowerCase(Locale.ROOT) + withComment(vote.comment());
    }

    /** " (memory_usage_ratio 0.73 > 0.60)", or the detector's description when the rule is not numeric. */
    private static String observed(Observation observation, String comparison) {
        if (observation.value() != null) {
            String threshold = observation.threshold() == null ? "" : " " + comparison + " " + twoDecimals(observation.threshold());
            return " (" + observation.signal() + " " + twoDecimals(observation.value()) + threshold + ")";
        }
        return observation.detail() == null ? " (" + observation.signal() + ")" : " (" + observation.detail() + ")";
    }

    private static String withComment(String comment) {
        return comment == null || comment.isBlank() ? "" : ": " + comment;
    }

    private static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String oneLine(String sentence) {
        String line = sentence.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
