package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.analyzer.heuristic.IncidentEvidence;
import io.sentinel.analyzer.llm.Completion;
import io.sentinel.analyzer.llm.LanguageModel;
import io.sentinel.analyzer.llm.Prompt;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.analysis.Analyst;
import io.sentinel.events.analysis.ModelUsage;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.playbooks.PlaybookCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the model for an analysis and holds its answer to the contract and the catalog
 * ({@link AnswerCheck}). A rejected answer gets one repair request that quotes the problem; a second
 * rejection, or no answer at all (no model, budget spent, outage, time limit), leaves the analysis to
 * the heuristic with the reason. The model's risk may raise the playbook's risk, never lower it; the
 * environment raises it further as for any proposal (ADR 0007). The whole exchange, repair included,
 * stays within the model's time limit.
 */
public final class LlmAnalyst {

    private final LanguageModel model;
    private final PlaybookCatalog catalog;
    private final AnswerCheck check;
    private final HeuristicAnalyst risks;
    private final Redactor redactor;

    public LlmAnalyst(LanguageModel model, PlaybookCatalog catalog, HeuristicAnalyst risks, Redactor redactor) {
        this.model = model;
        this.catalog = catalog;
        this.check = new AnswerCheck(catalog);
        this.risks = risks;
        this.redactor = redactor;
    }

    /**
     * @param analysis         the model's analysis; null when the heuristic has to answer
     * @param fallbackReason   why the heuristic has to answer
     * @param usage            what the model's answers cost, repair included, whether accepted or not; null when none was made
     * @param catalogViolations answers rejected for naming a playbook or parameters the catalog does not allow
     */
    public record Result(AnalysisCompleted analysis, String fallbackReason, ModelUsage usage, int catalogViolations) {
    }

    public Result analyze(IncidentContext context, String causationId) {
        long start = System.nanoTime();
        Duration limit = model.timeout();
        Prompt prompt = AnalysisPrompt.of(context, catalog, redactor, true);
        Completion first = model.complete(prompt, limit);
        if (first instanceof Completion.Unavailable unavailable) {
            return new Result(null, unavailable.reason(), null, 0);
        }
        Completion.Answered answered = (Completion.Answered) first;
        ModelUsage usage = answered.usage();
        AnswerCheck.Verdict verdict = check.check(answered.text());
        int violations = verdict instanceof AnswerCheck.Rejected rejected && rejected.catalogViolation() ? 1 : 0;
        if (verdict instanceof AnswerCheck.Rejected rejected) {
            Duration left = limit.minusNanos(System.nanoTime() - start);
            if (left.isNegative() || left.isZero()) {
                return new Result(null, "the model's answer was rejected (" + rejected.problem() + ") and no time was left to repair it", usage,
                        violations);
            }
            Completion second = model.complete(AnalysisPrompt.repair(prompt, answered.text(), rejected.problem()), left);
            if (second instanceof Completion.Unavailable unavailable) {
                return new Result(null, "the model's answer was rejected (" + rejected.problem() + ") and the repair request failed: "
                        + unavailable.reason(), usage, violations);
            }
            Completion.Answered repaired = (Completion.Answered) second;
            usage = sum(usage, repaired.usage());
            verdict = check.check(repaired.text());
            if (verdict instanceof AnswerCheck.Rejected again) {
                violations += again.catalogViolation() ? 1 : 0;
                return new Result(null, "the model's answer was rejected twice: first " + rejected.problem() + "; after repair "
                        + again.problem(), usage, violations);
            }
        }
        return new Result(analysis(context, causationId, (AnswerCheck.Accepted) verdict, usage), null, usage, violations);
    }

    private AnalysisCompleted analysis(IncidentContext context, String causationId, AnswerCheck.Accepted accepted, ModelUsage usage) {
        IncidentOpened incident = context.incident();
        ModelAnswer answer = accepted.answer();
        Risk risk = answer.risk();
        if (accepted.playbook() != null) {
            Risk floor = accepted.playbook().risk();
            risk = risks.riskIn(context.environment(), risk.compareTo(floor) > 0 ? risk : floor);
        }
        List<String> evidence = new ArrayList<>(answer.evidence());
        evidence.add(IncidentEvidence.of(incident).getFirst());
        if (!answer.summary().equals(answer.rootCause())) {
            evidence.add("summary: " + answer.summary());
        }
        return new AnalysisCompleted(incident.incidentId(), causationId, Analyst.LLM, model.model(), null, answer.rootCause(), evidence,
                accepted.action(), risk, answer.confidence(), incident.resource(), context.environment(), incident.labels(), incident.target(),
                usage, context.similar().stream().map(past -> past.incidentId()).toList());
    }

    static ModelUsage sum(ModelUsage a, ModelUsage b) {
        Double cost = a.costUsd() == null || b.costUsd() == null ? null : a.costUsd() + b.costUsd();
        return new ModelUsage(a.tokensIn() + b.tokensIn(), a.tokensOut() + b.tokensOut(), cost, a.latencyMillis() + b.latencyMillis());
    }
}
