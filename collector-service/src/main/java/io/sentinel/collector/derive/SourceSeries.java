package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one source reported in one round: its series, and the per-second rates of its counters
 * since the round before (see {@link CounterRates}).
 *
 * @param samples every series as reported
 * @param rates   one sample per counter series that has a previous value to compare with, named
 *                after the counter, valued in increase per second
 */
public record SourceSeries(List<Sample> samples, List<Sample> rates) {

    public SourceSeries {
        samples = List.copyOf(samples);
        rates = List.copyOf(rates);
    }

    /** Series of gauges only: what derivations that need no rates read. */
    public static SourceSeries of(List<Sample> samples) {
        return new SourceSeries(samples, List.of());
    }

    public Stream<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name));
    }

    public Stream<Sample> rates(String counter) {
        return rates.stream().filter(rate -> rate.name().equals(counter));
    }
}
