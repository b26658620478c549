package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code signal = numerator / denominator}, for each pair of series with identical label sets, e.g.
 * a container's working set over its memory limit. Where the denominator is absent, zero or negative
 * there is no ratio: cAdvisor reports a limit of 0 for a container without one, and "no limit" is
 * not "infinitely full".
 */
public record Ratio(String signal, String numerator, String denominator) implements Derivation {

    @Override
    public List<Sample> derive(SourceSeries series) {
        Map<Map<String, String>, Sample> denominators = new HashMap<>();
        series.samples(denominator).forEach(sample -> denominators.putIfAbsent(sample.labels(), sample));
        List<Sample> ratios = new ArrayList<>();
        series.samples(numerator).forEach(sample -> {
            Sample divisor = denominators.get(sample.labels());
            if (divisor != null && divisor.value() > 0) {
                ratios.add(new Sample(signal, sample.labels(), sample.value() / divisor.value(),
                        Timestamps.later(sample.timestamp(), divisor.timestamp())));
            }
        });
        return ratios;
    }
}
