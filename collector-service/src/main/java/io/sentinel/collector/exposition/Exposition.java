package io.sentinel.collector.exposition;

import io.sentinel.collector.series.Sample;
import java.util.List;

/**
 * What one exposition text held.
 *
 * @param samples         every well-formed sample with a finite value, in the order of the text
 * @param malformedLines  lines that follow no rule of the format and were skipped
 * @param nonFiniteValues well-formed samples dropped because their value was NaN or infinite, which
 *                        signals cannot carry (a summary without observations reports NaN quantiles)
 */
public record Exposition(List<Sample> samples, int malformedLines, int nonFiniteValues) {

    public Exposition {
        samples = List.copyOf(samples);
    }

    /**
     * Nothing but malformed lines: whatever answered is not an exporter (an HTML error page, a JSON
     * API, the wrong port), which is a failed scrape rather than a target with nothing to say.
     */
    public boolean unreadable() {
        return samples.isEmpty() && nonFiniteValues == 0 && malformedLines > 0;
    }
}
