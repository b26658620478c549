package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.analysis.AnalysisCompleted;

/**
 * Explains an incident that opened: the model when one answers within its limits and its answer
 * holds to the contract and the catalog, else the heuristic, labelled as such with the reason. What
 * it publishes is redacted (evidence and root cause quote logs). Pure: the caller assembles the
 * context, records and publishes.
 */
public final class IncidentAnalysis {

    private final HeuristicAnalyst heuristic;
    private final LlmAnalyst llm;
    private final Redactor redactor;

    public IncidentAnalysis(HeuristicAnalyst heuristic, LlmAnalyst llm, Redactor redactor) {
        this.heuristic = heuristic;
        this.llm = llm;
        this.redactor = redactor;
    }

    /** @param causationId the id of the event that carried the incident */
    public AnalysisCompleted analyze(IncidentContext context, String causationId) {
        return explain(context, causationId).analysis();
    }

    /**
     * The analysis, and how many of the model's answers the catalog check rejected on the way (what
     * the evaluation in bench/ counts).
     */
    public Explained explain(IncidentContext context, String causationId) {
        LlmAnalyst.Result result = llm.analyze(context, causationId);
        AnalysisCompleted analysis = result.analysis() != null ? result.analysis()
                : withUsage(heuristic.analyze(context, causationId, result.fallbackReason()), result);
        return new Explained(redacted(analysis), result.catalogViolations());
    }

    /** @param rejectedByCatalog the model's answers rejected for naming what the catalog does not allow */
    public record Explained(AnalysisCompleted analysis, int rejectedByCatalog) {
    }

    /** Tokens spent on answers that were rejected still cost money; the heuristic's analysis says so. */
    private static AnalysisCompleted withUsage(AnalysisCompleted heuristic, LlmAnalyst.Result result) {
        if (result.usage() == null) {
            return heuristic;
        }
        return new AnalysisCompleted(heuristic.incidentId(), heuristic.causationId(), heuristic.analyst(), heuristic.model(),
                heuristic.fallbackReason(), heuristic.rootCause(), heuristic.evidence(), heuristic.proposedAction(), heuristic.risk(),
                heuristic.confidence(), heuristic.resource(), heuristic.environment(), heuristic.labels(), heuristic.target(), result.usage(),
                heuristic.similarIncidents());
    }

    private AnalysisCompleted redacted(AnalysisCompleted analysis) {
        return new AnalysisCompleted(analysis.incidentId(), analysis.causationId(), analysis.analyst(), analysis.model(),
                redactor.redact(analysis.fallbackReason()), redactor.redact(analysis.rootCause()), redactor.redactAll(analysis.evidence()),
                analysis.proposedAction(), analysis.risk(), analysis.confidence(), analysis.resource(), analysis.environment(), analysis.labels(),
                analysis.target(), analysis.usage(), analysis.similarIncidents());
    }
}
