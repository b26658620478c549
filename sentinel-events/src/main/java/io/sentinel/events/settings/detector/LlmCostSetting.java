package io.sentinel.events.settings.detector;

/**
 * Rule {@code llm-cost-spike}: an LLM application's spend over the trailing hour against its mean hourly
 * spend over the hours with traces among the last 168 ({@code sentinel.detector.llm-cost}, or the runtime
 * setting {@code detector.llm-cost}, which replaces the block; fields it leaves out take the defaults below).
 *
 * @param warningFactor  spend above this many times the baseline: warning (default 2.5)
 * @param criticalFactor above this many times: critical (default 5)
 * @param clearFactor    an active spike clears below this many times (default 2)
 * @param minHistory     hours with traces the baseline needs before anything is judged (default 24)
 */
public record LlmCostSetting(Double warningFactor, Double criticalFactor, Double clearFactor, Integer minHistory) {

    public static final LlmCostSetting DEFAULTS = new LlmCostSetting(null, null, null, null);

    public LlmCostSetting {
        warningFactor = warningFactor == null ? 2.5 : warningFactor;
        criticalFactor = criticalFactor == null ? 5.0 : criticalFactor;
        clearFactor = clearFactor == null ? 2.0 : clearFactor;
        minHistory = minHistory == null ? 24 : minHistory;
        SpikeLevels.check(warningFactor, criticalFactor, clearFactor, minHistory);
    }
}
