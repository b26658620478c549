package io.sentinel.detector.baseline;

import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Baselines, from {@code sentinel.detector.baseline}: the rolling 7-day hourly one and the EWMA one,
 * in the shapes of the runtime settings {@code detector.baseline.hourly} and {@code detector.baseline.ewma},
 * which replace them while they exist.
 *
 * @param forgetAfter an EWMA series not seen for this long is forgotten (hourly aggregates are kept 8 days:
 *                    the 7-day window and the hour in progress)
 */
@ConfigurationProperties("sentinel.detector.baseline")
public record BaselineProperties(HourlyBaselineSetting hourly, EwmaBaselineSetting ewma, Duration forgetAfter) {

    public BaselineProperties {
        hourly = hourly == null ? HourlyBaselineSetting.DEFAULTS : hourly;
        ewma = ewma == null ? EwmaBaselineSetting.DEFAULTS : ewma;
        if (forgetAfter == null || !forgetAfter.isPositive()) {
            throw new IllegalArgumentException("sentinel.detector.baseline.forget-after must be positive, was " + forgetAfter);
        }
    }

    /** As bound from the YAML, where the EWMA's hold time is written {@code for}. */
    @ConstructorBinding
    public BaselineProperties(HourlyBaselineSetting hourly, ConfiguredEwma ewma, @DefaultValue("7d") Duration forgetAfter) {
        this(hourly, ewma == null ? null : ewma.toSetting(), forgetAfter);
    }
}
