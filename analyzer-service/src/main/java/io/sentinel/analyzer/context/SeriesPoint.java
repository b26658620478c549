package io.sentinel.analyzer.context;

import java.time.Instant;

/**
 * One stored value of one series of a resource.
 *
 * @param series the series' identity: its name and labels, {@code memory_usage_ratio{container="shop"}}
 */
public record SeriesPoint(String series, String name, Instant at, double value) {
}
