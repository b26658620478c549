package io.sentinel.detector.baseline;

import io.sentinel.events.signal.MetricBatch;

/**
 * Where a metric batch comes from, as far as detection cares. History the collector reads back from
 * Prometheus when a baseline starts empty arrives with source {@value #BACKFILL_SOURCE}: it teaches
 * baselines and fires nothing, since it describes the past, not what is happening now.
 */
public enum MetricOrigin {
    LIVE,
    BACKFILL;

    public static final String BACKFILL_SOURCE = "prometheus-backfill";

    public static MetricOrigin of(MetricBatch batch) {
        return BACKFILL_SOURCE.equals(batch.source()) ? BACKFILL : LIVE;
    }
}
