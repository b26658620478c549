package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;
import java.util.Set;

/**
 * Computes one canonical signal from the raw series of one source. Sources name the same thing
 * differently (cAdvisor, node_exporter, an application's own metrics); detectors are written
 * against canonical signals such as {@code memory_usage_ratio}, so they need not know which.
 * Adding a way to derive a signal is adding an implementation.
 */
public interface Derivation {

    /** Pure: the same series give the same samples; series it cannot use give none. */
    List<Sample> derive(SourceSeries series);

    /** Counters whose per-second rates this derivation reads; none for derivations of gauges. */
    default Set<String> counters() {
        return Set.of();
    }
}
