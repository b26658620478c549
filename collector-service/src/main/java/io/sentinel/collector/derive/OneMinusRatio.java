package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;

/**
 * {@code signal = 1 - numerator / denominator}, joined like {@link Ratio}: for sources that report
 * what is left rather than what is used, e.g. node_exporter's {@code MemAvailable} of {@code MemTotal}.
 */
public record OneMinusRatio(String signal, String numerator, String denominator) implements Derivation {

    @Override
    public List<Sample> derive(SourceSeries series) {
        return new Ratio(signal, numerator, denominator).derive(series).stream()
                .map(ratio -> new Sample(ratio.name(), ratio.labels(), 1 - ratio.value(), ratio.timestamp()))
                .toList();
    }
}
