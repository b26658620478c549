package io.sentinel.detector.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much state the detector keeps, from {@code sentinel.detector.limits}.
 *
 * @param maxSeriesPerFamily distinct keys one rule family keeps (series, fingerprints, heartbeats, queues,
 *                           services, applications, agent runs ...; see {@link KeyFamily}); beyond it a new
 *                           key is not tracked at all, while the keys already known go on as before
 * @param recountInterval    how often the keys of every family are counted in the database; in between, the
 *                           count goes up with every key this instance admits
 * @param reportInterval     a family at its limit is logged once per interval (the metric counts every key refused)
 */
@ConfigurationProperties("sentinel.detector.limits")
public record LimitsProperties(@DefaultValue("100000") int maxSeriesPerFamily, @DefaultValue("1m") Duration recountInterval,
                               @DefaultValue("10m") Duration reportInterval) {

    static final String PREFIX = "sentinel.detector.limits";

    public LimitsProperties {
        if (maxSeriesPerFamily < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-series-per-family must be at least 1, was " + maxSeriesPerFamily);
        }
        if (recountInterval == null || !recountInterval.isPositive()) {
            throw new IllegalArgumentException(PREFIX + ".recount-interval must be positive, was " + recountInterval);
        }
        if (reportInterval == null || !reportInterval.isPositive()) {
            throw new IllegalArgumentException(PREFIX + ".report-interval must be positive, was " + reportInterval);
        }
    }
}
