package io.sentinel.detector.baseline;

import io.sentinel.detector.rule.Fingerprint;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one series in a batch, for rules that follow series over time. A series is the
 * resource, the sample's labels and its signal, so two signals of one resource are two conditions.
 *
 * @param fingerprint the rule's condition for the series, also the key of what the rule stores about it
 * @param identity    the sample's labels plus {@code signal}
 * @param samples     in the batch's order
 */
public record MetricSeries(String fingerprint, String signal, Map<String, String> identity, List<MetricSample> samples) {

    /** The batch's samples of the given signals, by series, in the order they first appear. */
    public static Collection<MetricSeries> of(String rule, MetricBatch batch, Collection<String> signals) {
        Map<String, MetricSeries> bySeries = new LinkedHashMap<>();
        for (MetricSample sample : batch.samples()) {
            if (signals.contains(sample.name())) {
                Map<String, String> identity = new HashMap<>(sample.labels());
                identity.put("signal", sample.name());
                String fingerprint = Fingerprint.of(rule, batch.resource(), identity);
                bySeries.computeIfAbsent(fingerprint, key -> new MetricSeries(key, sample.name(), Map.copyOf(identity), new ArrayList<>()))
                        .samples().add(sample);
            }
        }
        return bySeries.values();
    }

    public MetricSample latest() {
        return samples.stream().max(Comparator.comparing(MetricSample::at)).orElseThrow();
    }

    /** Everything known about the series, for silences, inhibitions and people: the batch's labels and its identity. */
    public Map<String, String> labels(MetricBatch batch) {
        Map<String, String> labels = new HashMap<>(batch.labels());
        labels.putAll(identity);
        return labels;
    }
}
