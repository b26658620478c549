package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;

/**
 * {@code signal = metric}: a gauge that already is a canonical signal (or only needs its canonical
 * name), such as an application's {@code queue_depth}, published as it was read.
 */
public record Gauge(String signal, String metric) implements Derivation {

    @Override
    public List<Sample> derive(SourceSeries series) {
        return series.samples(metric).map(sample -> new Sample(signal, sample.labels(), sample.value(), sample.timestamp())).toList();
    }
}
