package io.sentinel.detector.baseline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baselines, from {@code sentinel.detector.baseline}: the rolling 7-day hourly one and the EWMA one.
 *
 * @param forgetAfter an EWMA series not seen for this long is forgotten (hourly aggregates are kept 8 days:
 *                    the 7-day window and the hour in progress)
 */
@ConfigurationProperties("sentinel.detector.baseline")
public record BaselineProperties(@DefaultValue HourlyBaselineSettings hourly, @DefaultValue EwmaBaselineSettings ewma,
                                 @DefaultValue("7d") Duration forgetAfter) {

    public BaselineProperties {
        hourly = hourly == null ? new HourlyBaselineSettings(null, null, null, null, null) : hourly;
        ewma = ewma == null ? new EwmaBaselineSettings(null, null, null, null, null, null, null) : ewma;
        if (forgetAfter == null || forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("sentinel.detector.baseline.forget-after must be positive, was " + forgetAfter);
        }
    }
}
