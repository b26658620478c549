package io.sentinel.detector.threshold;

import io.sentinel.detector.baseline.MetricOrigin;
import io.sentinel.detector.latency.EstimatedLatency;
import io.sentinel.detector.latency.LatencyEstimates;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.SettingsView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The threshold rules over metric samples: the configured {@link Threshold}s, each replaced or joined
 * by the runtime setting {@code detector.threshold.<name>} ({@link RuntimeOverlay#byName}). Time is the
 * samples' own time, not the wall clock, so a delayed batch is judged by when it was measured.
 * Latencies estimated from network figures (where a resource measures none) are judged like measured
 * ones; backfilled history is not judged at all.
 */
@Component
public final class ThresholdRule implements DetectionRule {

    private final Conditions conditions;
    private final LatencyEstimates latencyEstimates;
    private final SettingsView<Map<String, List<Threshold>>> thresholdsBySignal;

    public ThresholdRule(ThresholdProperties configured, RuntimeOverlay overlay, Conditions conditions, LatencyEstimates latencyEstimates) {
        this.conditions = conditions;
        this.latencyEstimates = latencyEstimates;
        var rules = overlay.byName(SettingContracts.THRESHOLDS, configured.rulesByName());
        this.thresholdsBySignal = new SettingsView<>(overlay.settings(), () -> rules.get().values().stream().map(Threshold::of)
                .collect(Collectors.groupingBy(Threshold::signal)));
    }

    @Override
    public String family() {
        return "threshold";
    }

    @Override
    public List<Finding> onSignal(SignalEvent signal, DetectionContext context) {
        if (!(signal instanceof MetricBatch batch) || MetricOrigin.of(batch) == MetricOrigin.BACKFILL) {
            return List.of();
        }
        List<Conditions.Observed> observations = observations(batch, thresholdsBySignal.get(), latencyEstimates.of(batch));
        return observations.isEmpty() ? List.of() : conditions.observeAll(observations, context);
    }

    /** What the thresholds see in one batch, measured and estimated samples alike. Pure. */
    static List<Conditions.Observed> observations(MetricBatch batch, Map<String, List<Threshold>> thresholds, List<EstimatedLatency> estimates) {
        // One state load and one write per batch, not per sample: the condition store is the hot path.
        List<Conditions.Observed> observations = new ArrayList<>();
        for (MetricSample sample : batch.samples()) {
            for (Threshold threshold : thresholds.getOrDefault(sample.name(), List.of())) {
                observations.add(observed(threshold, batch, sample, null));
            }
        }
        for (EstimatedLatency estimate : estimates) {
            for (Threshold threshold : thresholds.getOrDefault(estimate.sample().name(), List.of())) {
                observations.add(observed(threshold, batch, estimate.sample(), estimate.explanation()));
            }
        }
        return observations;
    }

    /** @param basis how the sample's value came about when it was not measured (null when it was) */
    private static Conditions.Observed observed(Threshold threshold, MetricBatch batch, MetricSample sample, String basis) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.putAll(sample.labels());
        labels.putAll(threshold.labels());
        Level level = threshold.level(sample.value());
        return new Conditions.Observed(threshold.name(), batch.resource(), sample.labels(), labels, level, threshold.severity(),
                threshold.titleFor(batch.resource()), observation(threshold, sample, level, basis), sample.at(), threshold.holdFor(),
                batch.target());
    }

    /** Against the threshold while it holds, against the clear level once it clears. */
    private static Observation observation(Threshold threshold, MetricSample sample, Level level, String basis) {
        boolean above = threshold.comparison() == Comparison.ABOVE;
        String detail = level == Level.CLEAR
                ? threshold.signal() + " " + format(sample.value()) + (above ? " <= " : " >= ") + "clear level " + format(threshold.clearLevel())
                : threshold.signal() + " " + format(sample.value()) + (above ? " > " : " < ") + format(threshold.threshold());
        double reference = level == Level.CLEAR ? threshold.clearLevel() : threshold.threshold();
        return new Observation(threshold.signal(), sample.value(), reference, basis == null ? detail : detail + "; " + basis, sample.at());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
