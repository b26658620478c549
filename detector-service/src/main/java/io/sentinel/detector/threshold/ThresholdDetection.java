package io.sentinel.detector.threshold;

import io.sentinel.detector.baseline.MetricOrigin;
import io.sentinel.detector.latency.EstimatedLatency;
import io.sentinel.detector.latency.LatencyEstimates;
import io.sentinel.detector.rule.Conditions;
import io.sentinel.detector.rule.DetectionContext;
import io.sentinel.detector.rule.DetectionRule;
import io.sentinel.detector.rule.Finding;
import io.sentinel.detector.rule.Level;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingValues;
import io.sentinel.runtime.settings.SettingsView;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import io.sentinel.events.signal.SignalEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Threshold rules over metric samples. Time is the samples' own time, not the wall clock, so a
 * delayed batch is judged by when it was measured. Latencies estimated from network figures (where a
 * resource measures none) are judged like measured ones; backfilled history is not judged at all.
 */
@Component
public final class ThresholdDetection implements DetectionRule {

    public static final String SETTING_PREFIX = "detector.threshold.";
    private static final Logger log = LoggerFactory.getLogger(ThresholdDetection.class);

    private final Conditions conditions;
    private final LatencyEstimates latencyEstimates;
    private final SettingsView<Map<String, List<ThresholdRule>>> rulesBySignal;

    public ThresholdDetection(ThresholdProperties configured, RuntimeSettings settings, SettingValues values, Conditions conditions,
                              LatencyEstimates latencyEstimates) {
        this.conditions = conditions;
        this.latencyEstimates = latencyEstimates;
        this.rulesBySignal = new SettingsView<>(settings, () -> effectiveRules(configured.rules(), settings.under(SETTING_PREFIX), values)
                .stream().collect(Collectors.groupingBy(ThresholdRule::signal)));
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
        Map<String, List<ThresholdRule>> rules = rulesBySignal.get();
        // One state load and one write per batch, not per sample: the condition store is the hot path.
        List<Conditions.Observed> observations = new ArrayList<>();
        for (MetricSample sample : batch.samples()) {
            for (ThresholdRule rule : rules.getOrDefault(sample.name(), List.of())) {
                observations.add(observed(rule, batch, sample, null));
            }
        }
        for (EstimatedLatency estimate : latencyEstimates.of(batch)) {
            for (ThresholdRule rule : rules.getOrDefault(estimate.sample().name(), List.of())) {
                observations.add(observed(rule, batch, estimate.sample(), estimate.explanation()));
            }
        }
        return observations.isEmpty() ? List.of() : conditions.observeAll(observations, context);
    }

    /** The configured rules, each replaced (or joined) by a runtime setting of the same name. */
    static List<ThresholdRule> effectiveRules(List<ThresholdRule> configured, Map<String, JsonNode> overrides, SettingValues values) {
        Map<String, ThresholdRule> byName = new LinkedHashMap<>();
        configured.forEach(rule -> byName.put(rule.name(), rule));
        overrides.forEach((name, json) -> {
            String setting = SETTING_PREFIX + name;
            try {
                ObjectNode withName = json.isObject() ? ((ObjectNode) json).deepCopy() : null;
                if (withName == null) {
                    throw new IllegalArgumentException(setting + " must be a JSON object with the rule's fields");
                }
                withName.put("name", name);
                byName.put(name, values.read(withName, ThresholdRule.class, setting));
            } catch (RuntimeException e) {
                log.warn("ignoring runtime setting {}: {}", setting, e.getMessage());
            }
        });
        return List.copyOf(byName.values());
    }

    /** @param basis how the sample's value came about when it was not measured (null when it was) */
    private static Conditions.Observed observed(ThresholdRule rule, MetricBatch batch, MetricSample sample, String basis) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.putAll(sample.labels());
        labels.putAll(rule.labels());
        Level level = rule.level(sample.value());
        return new Conditions.Observed(rule.name(), batch.resource(), sample.labels(), labels, level, rule.severity(),
                rule.titleFor(batch.resource()), observation(rule, sample, level, basis), sample.at(), rule.holdFor(), batch.target());
    }

    /** Against the threshold while it holds, against the clear level once it clears. */
    private static Observation observation(ThresholdRule rule, MetricSample sample, Level level, String basis) {
        boolean above = rule.comparison() == Comparison.ABOVE;
        String detail = level == Level.CLEAR
                ? rule.signal() + " " + format(sample.value()) + (above ? " <= " : " >= ") + "clear level " + format(rule.clearLevel())
                : rule.signal() + " " + format(sample.value()) + (above ? " > " : " < ") + format(rule.threshold());
        double reference = level == Level.CLEAR ? rule.clearLevel() : rule.threshold();
        return new Observation(rule.signal(), sample.value(), reference, basis == null ? detail : detail + "; " + basis, sample.at());
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
