package io.sentinel.collector.derive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the direct-scrape path remembers counters to compute their rates ({@link CounterRates}).
 *
 * @param forgetAfter a series not reported for this long is forgotten; seen again, it starts afresh
 * @param maxSeries   at most this many counter series are remembered at once (about 200 bytes each)
 */
@ConfigurationProperties("sentinel.collector.rates")
public record CounterRateProperties(@DefaultValue("10m") Duration forgetAfter, @DefaultValue("100000") int maxSeries) {

    public CounterRateProperties {
        if (forgetAfter == null || forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("sentinel.collector.rates.forget-after must be a positive duration, was " + forgetAfter);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("sentinel.collector.rates.max-series must be at least 1, was " + maxSeries);
        }
    }

    public CounterRates counterRates() {
        return new CounterRates(forgetAfter, maxSeries);
    }
}
