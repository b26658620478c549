package io.sentinel.detector.llm;

import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.LlmSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether an agent run is looping: more generations than {@code warning-generations} (critical above
 * {@code critical-generations}), one output repeated {@code repeated-outputs} times, or spending faster
 * than {@code max-cost-per-minute}. Pure.
 *
 * @see AgentTrace
 */
public final class LoopCheck {

    /** @param signs what gave the loop away, in words */
    public record Verdict(Severity severity, List<String> signs) {
    }

    private LoopCheck() {
    }

    public static Optional<Verdict> judge(AgentTrace trace, LlmSetting.AgentLoop limits) {
        List<String> signs = new ArrayList<>();
        if (trace.generations() > limits.warningGenerations()) {
            int over = trace.generations() > limits.criticalGenerations() ? limits.criticalGenerations() : limits.warningGenerations();
            signs.add(trace.generations() + " generations (more than " + over + ")");
        }
        if (trace.mostRepeats() >= limits.repeatedOutputs()) {
            signs.add("the agent repeats itself: one output " + trace.mostRepeats() + " times");
        }
        OptionalDouble costRate = trace.costPerMinute(limits.minCostDuration());
        if (costRate.isPresent() && costRate.getAsDouble() > limits.maxCostPerMinute()) {
            signs.add("spending " + Wording.usd(costRate.getAsDouble()) + "/min (more than " + Wording.usd(limits.maxCostPerMinute())
                    + "/min, " + Wording.usd(trace.costUsd()) + " so far)");
        }
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        Severity severity = trace.generations() > limits.criticalGenerations() ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(new Verdict(severity, List.copyOf(signs)));
    }
}
