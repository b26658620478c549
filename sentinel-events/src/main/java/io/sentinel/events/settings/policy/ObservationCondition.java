package io.sentinel.events.settings.policy;

/**
 * "The incident's observation is {@code signal} and its value is above {@code above} (and/or below
 * {@code below})": what the detector measured when it opened or last updated the incident, e.g.
 * {@code llm_trace_generations} above 20 for a looping agent, {@code llm_cost_usd} above 10 for an LLM
 * application spending more than $10 an hour. Both bounds are exclusive. Checked by the rule that
 * holds it ({@link PolicyRuleSetting}), so that errors name the rule.
 */
public record ObservationCondition(String signal, Double above, Double below) {
}
