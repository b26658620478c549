package io.sentinel.detector.llmcost;

import io.sentinel.detector.baseline.HourlyAggregate;
import io.sentinel.detector.baseline.HourlyAggregation;
import io.sentinel.detector.baseline.HourlyBaselines;
import io.sentinel.detector.baseline.HourlyReading;
import io.sentinel.detector.baseline.SpikeFactors;
import io.sentinel.detector.baseline.SpikeVerdict;
import io.sentinel.detector.limits.KeyLimits;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.LlmCostSetting;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rule {@value #RULE}: an LLM application spending far more over the trailing hour than it does in
 * an hour of the last seven days. Every trace's cost (its generations' costs) adds to the
 * application's hourly spend, by the trace's own time; then the newest trace's hour is judged (see
 * {@link HourlyReading} for the trailing hour, {@link SpikeFactors} for the levels).
 */
@Component
public final class LlmCostSpikeRule implements DetectionRule {

    public static final String RULE = "llm-cost-spike";
    public static final String SIGNAL = "llm_cost_usd";

    private final HourlyBaselines baselines;
    private final Conditions conditions;
    private final KeyLimits limits;
    private final SettingsView<LlmCostSetting> settings;

    public LlmCostSpikeRule(LlmCostSetting configured, RuntimeOverlay overlay, HourlyBaselines baselines, Conditions conditions,
                            KeyLimits limits) {
        this.baselines = baselines;
        this.conditions = conditions;
        this.limits = limits;
        this.settings = overlay.replacing(SettingContracts.LLM_COST, configured);
    }

    @Override
    public String family() {
        return RULE;
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof LlmTraceBatch batch)) {
            return List.of();
        }
        String application = batch.resource();
        String series = Fingerprint.of(RULE, application, Map.of());
        if (baselines.tracked(context, List.of(series), limits).isEmpty()) {
            return List.of();
        }
        baselines.add(context, series, HourlyAggregate.byHour(batch.traces(), LlmTrace::timestamp, LlmTrace::costUsd));
        Instant latest = batch.traces().stream().map(LlmTrace::timestamp).max(Comparator.naturalOrder()).orElseThrow();
        SpikeFactors factors = SpikeFactors.of(settings.get());
        Optional<HourlyReading> reading = baselines.read(context, series, HourlyAggregation.SUM, latest);
        Optional<SpikeVerdict> verdict = reading.flatMap(factors::judge);
        if (verdict.isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.put("signal", SIGNAL);
        var observed = new Conditions.Observed(RULE, application, Map.of(), labels, verdict.get().level(), verdict.get().severity(),
                "LLM spend of " + application + " far above its usual hourly spend",
                factors.observation(SIGNAL, "LLM spend in USD over the trailing hour (this hour so far plus the previous hour pro rata)",
                        reading.get(), verdict.get()), latest, Duration.ZERO, null);
        return conditions.observeAll(List.of(observed), context);
    }
}
