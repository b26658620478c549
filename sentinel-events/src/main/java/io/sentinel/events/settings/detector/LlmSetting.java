package io.sentinel.events.settings.detector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How LLM applications' traces are judged ({@code sentinel.detector.llm}). Each property can be set on
 * its own at runtime: {@code detector.llm.<rule>.<property>} (e.g. {@code detector.llm.error-cascade.min-traces})
 * and {@code detector.llm.tool-schemas}.
 *
 * @param toolSchemas tool name → the top-level keys its output must have (a JSON object); tools not
 *                    listed are not checked for shape
 */
public record LlmSetting(ErrorCascade errorCascade, PromptDrift promptDrift, AgentLoop agentLoop, SilentToolFailure silentToolFailure,
                         Map<String, List<String>> toolSchemas) {

    /** The error cascade's traces are counted in buckets this wide; its window is at least one. */
    public static final Duration BUCKET_WIDTH = Duration.ofSeconds(10);
    public static final LlmSetting DEFAULTS = new LlmSetting(null, null, null, null, null);

    public LlmSetting {
        errorCascade = errorCascade == null ? ErrorCascade.DEFAULTS : errorCascade;
        promptDrift = promptDrift == null ? PromptDrift.DEFAULTS : promptDrift;
        agentLoop = agentLoop == null ? AgentLoop.DEFAULTS : agentLoop;
        silentToolFailure = silentToolFailure == null ? SilentToolFailure.DEFAULTS : silentToolFailure;
        Map<String, List<String>> schemas = new LinkedHashMap<>();
        (toolSchemas == null ? Map.<String, List<String>>of() : toolSchemas).forEach((tool, keys) -> {
            require(keys != null && !keys.isEmpty() && keys.stream().noneMatch(key -> key == null || key.isBlank()),
                    "tool-schemas." + tool + " must list the output's required top-level keys, was " + keys);
            schemas.put(tool, List.copyOf(keys));
        });
        toolSchemas = Map.copyOf(schemas);
    }

    /**
     * Rule {@code llm-error-cascade}: the share of failed traces in the latest {@code window} jumps above
     * {@code max(jump-factor × the previous window's share, min-rate)}; critical above {@code critical-rate}.
     */
    public record ErrorCascade(Duration window, Integer minTraces, Double jumpFactor, Double minRate, Double criticalRate) {

        public static final ErrorCascade DEFAULTS = new ErrorCascade(null, null, null, null, null);

        public ErrorCascade {
            window = window == null ? Duration.ofMinutes(5) : window;
            minTraces = minTraces == null ? 20 : minTraces;
            jumpFactor = jumpFactor == null ? 3.0 : jumpFactor;
            minRate = minRate == null ? 0.10 : minRate;
            criticalRate = criticalRate == null ? 0.50 : criticalRate;
            require(window.compareTo(BUCKET_WIDTH) >= 0 && window.compareTo(Duration.ofHours(6)) <= 0,
                    "window must be between 10s and 6h, was " + window);
            require(minTraces >= 1, "min-traces must be at least 1, was " + minTraces);
            require(jumpFactor >= 1, "jump-factor must be at least 1, was " + jumpFactor);
            require(minRate > 0 && minRate < 1, "min-rate must be between 0 and 1 (exclusive), was " + minRate);
            require(criticalRate > 0 && criticalRate <= 1, "critical-rate must be in (0, 1], was " + criticalRate);
        }
    }

    /**
     * Rule {@code llm-prompt-drift}: outputs that stop matching the schema learned from the first
     * {@code learn-outputs} JSON outputs, and evaluation scores whose recent mean drops below the baseline's.
     */
    public record PromptDrift(Integer learnOutputs, Integer recentOutputs, Double maxViolationRatio, Integer recentScores,
                              Integer baselineScores, Double maxScoreDrop) {

        public static final PromptDrift DEFAULTS = new PromptDrift(null, null, null, null, null, null);

        public PromptDrift {
            learnOutputs = learnOutputs == null ? 20 : learnOutputs;
            recentOutputs = recentOutputs == null ? 20 : recentOutputs;
            maxViolationRatio = maxViolationRatio == null ? 0.15 : maxViolationRatio;
            recentScores = recentScores == null ? 20 : recentScores;
            baselineScores = baselineScores == null ? 100 : baselineScores;
            maxScoreDrop = maxScoreDrop == null ? 0.1 : maxScoreDrop;
            require(learnOutputs >= 1 && learnOutputs <= 1000, "learn-outputs must be between 1 and 1000, was " + learnOutputs);
            require(recentOutputs >= 1 && recentOutputs <= 1000, "recent-outputs must be between 1 and 1000, was " + recentOutputs);
            require(maxViolationRatio >= 0 && maxViolationRatio < 1, "max-violation-ratio must be in [0, 1), was " + maxViolationRatio);
            require(recentScores >= 1 && recentScores <= 1000, "recent-scores must be between 1 and 1000, was " + recentScores);
            require(baselineScores >= 1 && baselineScores <= 10_000, "baseline-scores must be between 1 and 10000, was " + baselineScores);
            require(maxScoreDrop > 0, "max-score-drop must be positive, was " + maxScoreDrop);
        }
    }

    /**
     * Rule {@code llm-agent-loop}: one trace with too many generations, the same output over and over,
     * or spending faster than {@code max-cost-per-minute} once it has run for {@code min-cost-duration}
     * (a single expensive call is no loop). A trace's state expires {@code window} after it began.
     */
    public record AgentLoop(Duration window, Integer warningGenerations, Integer criticalGenerations, Integer repeatedOutputs,
                            Double maxCostPerMinute, Duration minCostDuration, Duration quietFor, Integer maxTracesPerApplication,
                            Integer maxObservationsPerTrace) {

        public static final AgentLoop DEFAULTS = new AgentLoop(null, null, null, null, null, null, null, null, null);

        public AgentLoop {
            window = window == null ? Duration.ofHours(2) : window;
            warningGenerations = warningGenerations == null ? 10 : warningGenerations;
            criticalGenerations = criticalGenerations == null ? 20 : criticalGenerations;
            repeatedOutputs = repeatedOutputs == null ? 3 : repeatedOutputs;
            maxCostPerMinute = maxCostPerMinute == null ? 0.50 : maxCostPerMinute;
            minCostDuration = minCostDuration == null ? Duration.ofMinutes(1) : minCostDuration;
            quietFor = quietFor == null ? Duration.ofMinutes(30) : quietFor;
            maxTracesPerApplication = maxTracesPerApplication == null ? 10_000 : maxTracesPerApplication;
            maxObservationsPerTrace = maxObservationsPerTrace == null ? 1000 : maxObservationsPerTrace;
            require(window.isPositive(), "window must be positive, was " + window);
            require(warningGenerations >= 1, "warning-generations must be at least 1, was " + warningGenerations);
            require(criticalGenerations >= warningGenerations, "critical-generations (" + criticalGenerations
                    + ") must not be under warning-generations (" + warningGenerations + ")");
            require(repeatedOutputs >= 2, "repeated-outputs must be at least 2, was " + repeatedOutputs);
            require(maxCostPerMinute > 0, "max-cost-per-minute must be positive, was " + maxCostPerMinute);
            require(minCostDuration.isPositive(), "min-cost-duration must be positive, was " + minCostDuration);
            require(quietFor.isPositive(), "quiet-for must be positive, was " + quietFor);
            require(maxTracesPerApplication >= 1, "max-traces-per-application must be at least 1, was " + maxTracesPerApplication);
            require(maxObservationsPerTrace > criticalGenerations,
                    "max-observations-per-trace must exceed critical-generations, was " + maxObservationsPerTrace);
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
    public record SilentToolFailure(Duration window, Integer minFailures, Duration quietFor, List<String> errorPatterns) {

        /** Silent failures remembered per tool; min-failures may not exceed it. */
        public static final int MAX_REMEMBERED = 100;
        public static final List<String> DEFAULT_ERROR_PATTERNS = List.of("error", "exception", "traceback", "failed", "denied", "timeout",
                "timed out", "not found", "unauthorized", "forbidden");
        public static final SilentToolFailure DEFAULTS = new SilentToolFailure(null, null, null, null);

        public SilentToolFailure {
            window = window == null ? Duration.ofMinutes(10) : window;
            minFailures = minFailures == null ? 3 : minFailures;
            quietFor = quietFor == null ? Duration.ofMinutes(10) : quietFor;
            require(window.isPositive(), "window must be positive, was " + window);
            require(minFailures >= 1 && minFailures <= MAX_REMEMBERED,
                    "min-failures must be between 1 and " + MAX_REMEMBERED + ", was " + minFailures);
            require(quietFor.isPositive(), "quiet-for must be positive, was " + quietFor);
            require(errorPatterns == null || errorPatterns.stream().noneMatch(phrase -> phrase == null || phrase.isBlank()),
                    "error-patterns must not contain blank phrases, was " + errorPatterns);
            errorPatterns = errorPatterns == null ? DEFAULT_ERROR_PATTERNS : List.copyOf(errorPatterns);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
