package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-second rates of counters between consecutive rounds of a source, for the direct-scrape path
 * where no Prometheus computes {@code rate()} for us. Semantics follow Prometheus':
 * <ul>
 *   <li>a series seen for the first time (or again after being forgotten) has no rate yet;</li>
 *   <li>a value lower than the previous one is a counter reset (the process restarted), so the
 *       increase is the new value itself, counted from zero;</li>
 *   <li>a measurement no newer than the previous one (an exporter serving its own unchanged
 *       timestamp) gives no rate: nothing elapsed to divide by.</li>
 * </ul>
 * Memory is bounded twice: series not seen for {@code forgetAfter} are forgotten (pods come and go,
 * each with new label values), and at most {@code maxSeries} are tracked at once; beyond that new
 * series get no rate and are counted in {@link #untrackedSeries()}. Safe for concurrent rounds.
 */
public final class CounterRates {

    private final Duration forgetAfter;
    private final int maxSeries;
    private final Duration sweepEvery;
    private final Map<SeriesKey, Last> last = new HashMap<>();
    private Instant lastSweep = Instant.EPOCH;
    private long untracked;

    public CounterRates(Duration forgetAfter, int maxSeries) {
        this.forgetAfter = forgetAfter;
        this.maxSeries = maxSeries;
        // Sweeping is a pass over every tracked series; a tenth of the staleness keeps memory within
        // 110% of the bound without a pass per target per round.
        this.sweepEvery = forgetAfter.dividedBy(10);
    }

    /**
     * Records the counters among {@code series} and returns the rate of each that has a usable
     * previous value, named after the counter.
     *
     * @param source     whose series these are: the same labels on two targets are two series
     * @param observedAt when the round read them: the time of samples without a timestamp of their
     *                   own, and what "not seen for" is measured against
     */
    public synchronized List<Sample> rates(String source, List<Sample> series, Set<String> counters, Instant observedAt) {
        if (counters.isEmpty()) {
            return List.of();
        }
        sweep(observedAt);
        List<Sample> rates = new ArrayList<>();
        for (Sample sample : series) {
            if (!counters.contains(sample.name())) {
                continue;
            }
            Instant at = sample.timestamp() != null ? sample.timestamp() : observedAt;
            var key = new SeriesKey(source, sample.name(), sample.labels());
            Last previous = last.get(key);
            if (previous == null || isForgotten(previous, observedAt)) {
                if (previous == null && last.size() >= maxSeries) {
                    untracked++;
                    continue;
                }
                last.put(key, new Last(sample.value(), at, observedAt));
                continue;
            }
            if (!at.isAfter(previous.at())) {
                last.put(key, new Last(previous.value(), previous.at(), observedAt));
                continue;
            }
            double seconds = Duration.between(previous.at(), at).toNanos() / 1e9;
            double increase = sample.value() >= previous.value() ? sample.value() - previous.value() : sample.value();
            rates.add(new Sample(sample.name(), sample.labels(), increase / seconds, sample.timestamp()));
            last.put(key, new Last(sample.value(), at, observedAt));
        }
        return rates;
    }

    /** Series whose last value is remembered now. */
    public synchronized int trackedSeries() {
        return last.size();
    }

    /** New series that got no rate because {@code maxSeries} were tracked already, since start. */
    public synchronized long untrackedSeries() {
        return untracked;
    }

    private boolean isForgotten(Last previous, Instant now) {
        return previous.seenAt().plus(forgetAfter).isBefore(now);
    }

    private void sweep(Instant now) {
        if (lastSweep.plus(sweepEvery).isAfter(now)) {
            return;
        }
        last.values().removeIf(previous -> isForgotten(previous, now));
        lastSweep = now;
    }

    private record SeriesKey(String source, String name, Map<String, String> labels) {
    }

    /** @param at when the value was measured; @param seenAt when a round last reported the series */
    private record Last(double value, Instant at, Instant seenAt) {
    }
}
