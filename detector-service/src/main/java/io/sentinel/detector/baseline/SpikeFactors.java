package io.sentinel.detector.baseline;

import io.sentinel.detector.rule.Level;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import io.sentinel.events.settings.detector.LlmCostSetting;
import java.util.Locale;
import java.util.Optional;

/**
 * "More than {@code warningFactor} times the baseline is a warning, more than {@code criticalFactor}
 * times critical, and it clears below {@code clearFactor} times", judged only once the baseline is
 * made of at least {@code minHistory} hours. The band between the clear factor and the warning factor
 * is the hysteresis: an active condition stays active there, a quiet one stays quiet. The settings
 * ({@link HourlyBaselineSetting}, {@link LlmCostSetting}) check that the factors leave room for it. Pure.
 */
public record SpikeFactors(double warningFactor, double criticalFactor, double clearFactor, int minHistory) {

    public static SpikeFactors of(HourlyBaselineSetting setting) {
        return new SpikeFactors(setting.warningFactor(), setting.criticalFactor(), setting.clearFactor(), setting.minHistory());
    }

    public static SpikeFactors of(LlmCostSetting setting) {
        return new SpikeFactors(setting.warningFactor(), setting.criticalFactor(), setting.clearFactor(), setting.minHistory());
    }

    /** Nothing to judge before the baseline has {@code minHistory} hours, or while it is zero (no ratio to it). */
    public Optional<SpikeVerdict> judge(HourlyReading reading) {
        if (reading.historyHours() < minHistory || !(reading.baseline() > 0)) {
            return Optional.empty();
        }
        double ratio = reading.ratio();
        Level level = ratio > warningFactor ? Level.BREACHED : ratio < clearFactor ? Level.CLEAR : Level.BETWEEN;
        return Optional.of(new SpikeVerdict(level, ratio > criticalFactor ? Severity.CRITICAL : Severity.WARNING, ratio));
    }

    /**
     * What the rule saw, for people: against the factor that was passed while it holds, against the
     * clear factor once it clears.
     *
     * @param what what the value is, e.g. "http_errors_per_second this hour"
     */
    public Observation observation(String signal, String what, HourlyReading reading, SpikeVerdict verdict) {
        String comparison = what + " " + format(reading.value()) + " = " + format(verdict.ratio()) + "× the 7-day hourly baseline "
                + format(reading.baseline()) + " (mean of " + reading.historyHours() + " hours)";
        if (verdict.level() == Level.CLEAR) {
            return new Observation(signal, reading.value(), reading.baseline() * clearFactor,
                    comparison + "; below the clear level of " + format(clearFactor) + "×", reading.at());
        }
        double factor = verdict.severity() == Severity.CRITICAL ? criticalFactor : warningFactor;
        return new Observation(signal, reading.value(), reading.baseline() * factor,
                comparison + "; warning above " + format(warningFactor) + "×, critical above " + format(criticalFactor) + "×",
                reading.at());
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }
}
