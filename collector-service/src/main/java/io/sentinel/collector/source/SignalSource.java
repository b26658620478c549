package io.sentinel.collector.source;

import java.util.Locale;

/** Where the collector takes metric signals from. */
public enum SignalSource {
    /** Instant queries against Prometheus' HTTP API. */
    PROMETHEUS,
    /** Scraping the configured targets' exposition text directly. */
    SCRAPE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
