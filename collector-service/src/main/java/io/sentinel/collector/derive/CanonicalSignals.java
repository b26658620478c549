package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What of a source's series Sentinel publishes: the signals derived from them, plus the raw series
 * an operator asked to forward unchanged. Everything else stays at the source; publishing every
 * series of every target would flood the signals topic with data no detector reads.
 */
public final class CanonicalSignals {

    private final List<Derivation> derivations;
    private final Set<String> forwarded;
    private final Set<String> counters;
    private final CounterRates rates;

    public CanonicalSignals(List<Derivation> derivations, Set<String> forwardedMetrics, CounterRates rates) {
        this.derivations = List.copyOf(derivations);
        this.forwarded = Set.copyOf(forwardedMetrics);
        Set<String> needed = new HashSet<>();
        derivations.forEach(derivation -> needed.addAll(derivation.counters()));
        this.counters = Set.copyOf(needed);
        this.rates = rates;
    }

    /**
     * Called once per round of each source, even when nothing comes of it: the counters it reports
     * are the previous values the next round's rates are computed from.
     *
     * @param source     the target the series were read from
     * @param observedAt when they were read
     */
    public List<Sample> from(String source, List<Sample> series, Instant observedAt) {
        var observed = new SourceSeries(series, rates.rates(source, series, counters, observedAt));
        List<Sample> signals = new ArrayList<>();
        for (Derivation derivation : derivations) {
            signals.addAll(derivation.derive(observed));
        }
        for (Sample sample : series) {
            if (forwarded.contains(sample.name())) {
                signals.add(sample);
            }
        }
        return signals;
    }
}
