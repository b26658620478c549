package io.sentinel.policy.incident;

import io.sentinel.events.incident.Severity;

/**
 * What the detector last said about an incident, as far as policy rules ask about it: the rule that
 * opened it, its severity and what was measured. The policy service keeps them from the incidents
 * topic, since an analysis carries none of them.
 *
 * @param signal the observation's signal, e.g. {@code llm_trace_generations}
 * @param value  its value when numeric, e.g. 23 generations; null otherwise
 */
public record IncidentFacts(String rule, Severity severity, String signal, Double value) {
}
