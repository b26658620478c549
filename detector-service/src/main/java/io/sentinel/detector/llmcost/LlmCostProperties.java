package io.sentinel.detector.llmcost;

import io.sentinel.detector.baseline.SpikeFactors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The LLM cost spike, from {@code sentinel.detector.llm-cost}, or the runtime setting
 * {@value LlmCostSpikeRule#SETTING} with the same fields as JSON (fields it leaves out take the
 * defaults below).
 *
 * @param warningFactor  spend over the trailing hour above this many times the 7-day hourly baseline: warning (default 2.5)
 * @param criticalFactor above this many times: critical (default 5)
 * @param clearFactor    an active spike clears below this many times (default 2)
 * @param minHistory     hours with traces the baseline needs before anything is judged (default 24)
 */
@ConfigurationProperties("sentinel.detector.llm-cost")
public record LlmCostProperties(Double warningFactor, Double criticalFactor, Double clearFactor, Integer minHistory) {

    static final String PROPERTY = "sentinel.detector.llm-cost";

    public LlmCostProperties {
        warningFactor = warningFactor == null ? 2.5 : warningFactor;
        criticalFactor = criticalFactor == null ? 5.0 : criticalFactor;
        clearFactor = clearFactor == null ? 2.0 : clearFactor;
        minHistory = minHistory == null ? 24 : minHistory;
        SpikeFactors.configured(PROPERTY, warningFactor, criticalFactor, clearFactor, minHistory);
    }

    public SpikeFactors factors() {
        return new SpikeFactors(warningFactor, criticalFactor, clearFactor, minHistory);
    }
}
