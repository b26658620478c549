package io.sentinel.detector.llm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How LLM applications' traces are judged, from {@code sentinel.detector.llm}. Every value can be
 * overridden at runtime by the setting {@code detector.llm.<rule>.<property>} (see {@link LlmSettings}).
 *
 * @param toolSchemas tool name → the top-level keys its output must have (a JSON object); tools not
 *                    listed are not checked for shape. In YAML, write names with underscores in
 *                    brackets ({@code "[get_weather]"}), or Spring drops the underscore.
 */
@ConfigurationProperties("sentinel.detector.llm")
public record LlmProperties(@DefaultValue ErrorCascade errorCascade, @DefaultValue PromptDrift promptDrift,
                            @DefaultValue AgentLoop agentLoop, @DefaultValue SilentToolFailure silentToolFailure,
                            Map<String, List<String>> toolSchemas) {

    static final String PREFIX = "sentinel.detector.llm.";

    public LlmProperties {
        require(errorCascade != null && promptDrift != null && agentLoop != null && silentToolFailure != null,
                "sentinel.detector.llm needs error-cascade, prompt-drift, agent-loop and silent-tool-failure");
        Map<String, List<String>> schemas = new LinkedHashMap<>();
        (toolSchemas == null ? Map.<String, List<String>>of() : toolSchemas).forEach((tool, keys) -> {
            require(keys != null && !keys.isEmpty() && keys.stream().noneMatch(key -> key == null || key.isBlank()),
                    PREFIX + "tool-schemas." + tool + " must list the output's required top-level keys, was " + keys);
            schemas.put(tool, List.copyOf(keys));
        });
        toolSchemas = Map.copyOf(schemas);
    }

    /**
     * Rule {@code llm-error-cascade}: the share of failed traces in the latest {@code window} jumps above
     * {@code max(jump-factor × the previous window's share, min-rate)}; critical above {@code critical-rate}.
     */
    public record ErrorCascade(@DefaultValue("5m") Duration window, @DefaultValue("20") int minTraces,
                               @DefaultValue("3") double jumpFactor, @DefaultValue("0.10") double minRate,
                               @DefaultValue("0.50") double criticalRate) {

        public ErrorCascade {
            String at = PREFIX + "error-cascade.";
            require(window != null && window.compareTo(TraceBuckets.WIDTH) >= 0 && window.compareTo(Duration.ofHours(6)) <= 0,
                    at + "window must be between 10s and 6h, was " + window);
            require(minTraces >= 1, at + "min-traces must be at least 1, was " + minTraces);
            require(jumpFactor >= 1, at + "jump-factor must be at least 1, was " + jumpFactor);
            require(minRate > 0 && minRate < 1, at + "min-rate must be between 0 and 1 (exclusive), was " + minRate);
            require(criticalRate > 0 && criticalRate <= 1, at + "critical-rate must be in (0, 1], was " + criticalRate);
        }
    }

    /**
     * Rule {@code llm-prompt-drift}: outputs that stop matching the schema learned from the first
     * {@code learn-outputs} JSON outputs, and evaluation scores whose recent mean drops below the baseline's.
     */
    public record PromptDrift(@DefaultValue("20") int learnOutputs, @DefaultValue("20") int recentOutputs,
                              @DefaultValue("0.15") double maxViolationRatio, @DefaultValue("20") int recentScores,
                              @DefaultValue("100") int baselineScores, @DefaultValue("0.1") double maxScoreDrop) {

        public PromptDrift {
            String at = PREFIX + "prompt-drift.";
            require(learnOutputs >= 1 && learnOutputs <= 1000, at + "learn-outputs must be between 1 and 1000, was " + learnOutputs);
            require(recentOutputs >= 1 && recentOutputs <= 1000, at + "recent-outputs must be between 1 and 1000, was " + recentOutputs);
            require(maxViolationRatio >= 0 && maxViolationRatio < 1,
                    at + "max-violation-ratio must be in [0, 1), was " + maxViolationRatio);
            require(recentScores >= 1 && recentScores <= 1000, at + "recent-scores must be between 1 and 1000, was " + recentScores);
            require(baselineScores >= 1 && baselineScores <= 10_000,
                    at + "baseline-scores must be between 1 and 10000, was " + baselineScores);
            require(maxScoreDrop > 0, at + "max-score-drop must be positive, was " + maxScoreDrop);
        }
    }

    /**
     * Rule {@code llm-agent-loop}: one trace with too many generations, the same output over and over,
     * or spending faster than {@code max-cost-per-minute} once it has run for {@code min-cost-duration}
     * (a single expensive call is no loop). A trace's state expires {@code window} after it began.
     */
    public record AgentLoop(@DefaultValue("2h") Duration window, @DefaultValue("10") int warningGenerations,
                            @DefaultValue("20") int criticalGenerations, @DefaultValue("3") int repeatedOutputs,
                            @DefaultValue("0.50") double maxCostPerMinute, @DefaultValue("1m") Duration minCostDuration,
                            @DefaultValue("30m") Duration quietFor, @DefaultValue("10000") int maxTracesPerApplication,
                            @DefaultValue("1000") int maxObservationsPerTrace) {

        public AgentLoop {
            String at = PREFIX + "agent-loop.";
            require(window != null && window.isPositive(), at + "window must be positive, was " + window);
            require(warningGenerations >= 1, at + "warning-generations must be at least 1, was " + warningGenerations);
            require(criticalGenerations >= warningGenerations,
                    at + "critical-generations (" + criticalGenerations + ") must not be under warning-generations ("
                            + warningGenerations + ")");
            require(repeatedOutputs >= 2, at + "repeated-outputs must be at least 2, was " + repeatedOutputs);
            require(maxCostPerMinute > 0, at + "max-cost-per-minute must be positive, was " + maxCostPerMinute);
            require(minCostDuration != null && minCostDuration.isPositive(),
                    at + "min-cost-duration must be positive, was " + minCostDuration);
            require(quietFor != null && quietFor.isPositive(), at + "quiet-for must be positive, was " + quietFor);
            require(maxTracesPerApplication >= 1, at + "max-traces-per-application must be at least 1, was " + maxTracesPerApplication);
            require(maxObservationsPerTrace > criticalGenerations,
                    at + "max-observations-per-trace must exceed critical-generations, was " + maxObservationsPerTrace);
        }
    }

    /**
     * Rule {@code llm-silent-tool-failure}: at least {@code min-failures} tool calls that reported success
     * but returned nothing, error text, or the wrong shape, within {@code window}; clears after
     * {@code quiet-for} without one.
     *
     * @param errorPatterns phrases that mark error text in a successful result, matched case-insensitively
     *                      as whole words (or camel-case parts: "Timeout" in "TimeoutError")
     */
    public record SilentToolFailure(@DefaultValue("10m") Duration window, @DefaultValue("3") int minFailures,
                                    @DefaultValue("10m") Duration quietFor,
                                    @DefaultValue({"error", "exception", "traceback", "failed", "denied", "timeout", "timed out",
                                            "not found", "unauthorized", "forbidden"}) List<String> errorPatterns) {

        /** Silent failures remembered per tool; min-failures may not exceed it. */
        public static final int MAX_REMEMBERED = 100;

        public SilentToolFailure {
            String at = PREFIX + "silent-tool-failure.";
            require(window != null && window.isPositive(), at + "window must be positive, was " + window);
            require(minFailures >= 1 && minFailures <= MAX_REMEMBERED,
                    at + "min-failures must be between 1 and " + MAX_REMEMBERED + ", was " + minFailures);
            require(quietFor != null && quietFor.isPositive(), at + "quiet-for must be positive, was " + quietFor);
            require(errorPatterns == null || errorPatterns.stream().noneMatch(phrase -> phrase == null || phrase.isBlank()),
                    at + "error-patterns must not contain blank phrases, was " + errorPatterns);
            errorPatterns = errorPatterns == null ? List.of() : List.copyOf(errorPatterns);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
