package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;
import java.util.Set;

/** {@code signal = rate(counter)} per series: e.g. items consumed per second from {@code queue_consumed_total}. */
public record Rate(String signal, String counter) implements Derivation {

    @Override
    public List<Sample> derive(SourceSeries series) {
        return series.rates(counter).map(rate -> new Sample(signal, rate.labels(), rate.value(), rate.timestamp())).toList();
    }

    @Override
    public Set<String> counters() {
        return Set.of(counter);
    }
}
