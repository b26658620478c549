package io.sentinel.collector.derive;

import io.sentinel.collector.series.Sample;
import java.util.List;

/**
 * Computes one canonical signal from the raw series of one source. Sources name the same thing
 * differently (cAdvisor, node_exporter, an application's own metrics); detectors are written
 * against canonical signals such as {@code memory_usage_ratio}, so they need not know which.
 * Adding a way to derive a signal is adding an implementation.
 */
public interface Derivation {

    /** Pure: the same series give the same samples; series it cannot use give none. */
    List<Sample> derive(List<Sample> series);
}
