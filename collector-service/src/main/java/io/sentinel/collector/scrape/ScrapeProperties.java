package io.sentinel.collector.scrape;

import io.sentinel.collector.series.SeriesNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What to scrape and how often.
 *
 * @param interval       pause between the end of one round and the start of the next
 * @param timeout        how long one target may take to answer completely, body included
 * @param targets        none is valid: the collector then has nothing to scrape
 * @param forwardMetrics raw series published unchanged next to the derived signals, by metric name
 */
@ConfigurationProperties("sentinel.collector.scrape")
public record ScrapeProperties(@DefaultValue("15s") Duration interval,
                               @DefaultValue("5s") Duration timeout,
                               List<ScrapeTarget> targets,
                               List<String> forwardMetrics) {

    private static final String PREFIX = "sentinel.collector.scrape";

    public ScrapeProperties {
        requirePositive(interval, PREFIX + ".interval");
        requirePositive(timeout, PREFIX + ".timeout");
        targets = targets == null ? List.of() : List.copyOf(targets);
        forwardMetrics = forwardMetrics == null ? List.of() : List.copyOf(forwardMetrics);
        var names = new HashSet<String>();
        for (int i = 0; i < targets.size(); i++) {
            String property = PREFIX + ".targets[" + i + "]";
            targets.get(i).validate(property);
            if (!names.add(targets.get(i).name())) {
                throw new IllegalArgumentException(property + ".name '" + targets.get(i).name()
                        + "' is already the name of another target; names are resource ids and must be unique");
            }
        }
        for (int i = 0; i < forwardMetrics.size(); i++) {
            if (!SeriesNames.isMetricName(forwardMetrics.get(i))) {
                throw new IllegalArgumentException(PREFIX + ".forward-metrics[" + i + "] must be a Prometheus metric name, was '"
                        + forwardMetrics.get(i) + "'");
            }
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}
