package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.ArrayList;
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

    public CanonicalSignals(List<Derivation> derivations, Set<String> forwardedMetrics) {
        this.derivations = List.copyOf(derivations);
        this.forwarded = Set.copyOf(forwardedMetrics);
    }

    public List<Sample> from(List<Sample> series) {
        List<Sample> signals = new ArrayList<>();
        for (Derivation derivation : derivations) {
            signals.addAll(derivation.derive(series));
        }
        for (Sample sample : series) {
            if (forwarded.contains(sample.name())) {
                signals.add(sample);
            }
        }
        return signals;
    }
}
