package io.sentinel.events.analysis;

import io.sentinel.events.EventFields;
import java.util.List;
import java.util.Map;

/**
 * A root-cause analysis with its evidence and, when one fits, a proposed remediation.
 *
 * @param analyst        heuristic or LLM; never implied
 * @param model          the model that answered, when {@code analyst} is LLM
 * @param fallbackReason why a heuristic answered instead of a model, when it did
 * @param proposedAction a playbook from the catalog, or null when nothing in the catalog fits
 * @param risk           the risk of running the proposed action here (playbook risk, raised by environment)
 * @param confidence     0..1
 * @param environment    the target's environment from the inventory; the most sensitive one when the
 *                       incident names no listed target
 * @param target         the inventory target the incident is about, if any
 * @param usage          what the model's answer cost, when a model answered
 * @param similarIncidents past incidents the analysis drew on (their ids), most similar first
 */
public record AnalysisCompleted(String incidentId, String causationId, Analyst analyst, String model, String fallbackReason,
                                String rootCause, List<String> evidence, ProposedAction proposedAction, Risk risk,
                                double confidence, String resource, String environment, Map<String, String> labels,
                                String target, ModelUsage usage, List<String> similarIncidents)
        implements AnalysisEvent {

    public AnalysisCompleted {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.require(analyst, "analyst");
        EventFields.requireText(rootCause, "rootCause");
        evidence = EventFields.copyOf(evidence);
        EventFields.require(risk, "risk");
        EventFields.requireBetween(confidence, 0.0, 1.0, "confidence");
        EventFields.requireText(resource, "resource");
        EventFields.requireText(environment, "environment");
        labels = EventFields.copyOf(labels);
        target = EventFields.optionalText(target);
        similarIncidents = EventFields.copyOf(similarIncidents);
    }

    /** How the analysis names who produced it: {@code heuristic}, or {@code llm:<model>}. */
    public String analystLabel() {
        return analyst == Analyst.LLM ? "llm:" + model : "heuristic";
    }
}
