package io.sentinel.analyzer.analysis;

import io.sentinel.analyzer.heuristic.HeuristicAnalyst;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.runtime.inventory.TargetInventory;

/**
 * Explains an incident that opened: which environment it is in, by the inventory, and what the
 * analyst makes of it. Pure: the caller records and publishes the analysis.
 */
public final class IncidentAnalysis {

    /** Until an LLM client exists the heuristic always answers; the event says so rather than hiding it. */
    static final String NO_LLM = "no LLM configured (sentinel.analyzer.llm.base-url is not set)";

    private final HeuristicAnalyst heuristic;
    private final TargetInventory inventory;

    public IncidentAnalysis(HeuristicAnalyst heuristic, TargetInventory inventory) {
        this.heuristic = heuristic;
        this.inventory = inventory;
    }

    /** @param causationId the id of the event that carried the incident */
    public AnalysisCompleted analyze(IncidentOpened incident, String causationId) {
        // The environment decides the risk, so it comes from the inventory; an incident about
        // something the inventory does not list counts as being in the most sensitive environment.
        String environment = inventory.environmentOf(incident.target());
        return heuristic.analyze(incident, causationId, environment, NO_LLM);
    }
}
