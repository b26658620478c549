package io.sentinel.detector.baseline;

import java.util.List;

/**
 * The rolling 7-day hourly baseline, for rates and spend ({@code sentinel.detector.baseline.hourly}, or
 * the runtime setting {@value HourlyBaselineRule#SETTING} with the same fields as JSON; fields it leaves
 * out take the defaults below).
 *
 * @param signals        the metrics judged this way; an hour's value is the mean of its samples
 * @param warningFactor  the hour's value above this many times the baseline: warning (default 2.5)
 * @param criticalFactor above this many times: critical (default 5)
 * @param clearFactor    an active condition clears below this many times (default 2)
 * @param minHistory     hours with data the baseline needs before anything is judged (default 24)
 */
public record HourlyBaselineSettings(List<String> signals, Double warningFactor, Double criticalFactor, Double clearFactor,
                                     Integer minHistory) {

    static final String PROPERTY = "sentinel.detector.baseline.hourly";

    public HourlyBaselineSettings {
        if (signals != null && signals.stream().anyMatch(signal -> signal == null || signal.isBlank())) {
            throw new IllegalArgumentException(PROPERTY + ".signals must list signal names, was " + signals);
        }
        signals = signals == null ? List.of("http_requests_per_second", "http_errors_per_second") : List.copyOf(signals);
        warningFactor = warningFactor == null ? 2.5 : warningFactor;
        criticalFactor = criticalFactor == null ? 5.0 : criticalFactor;
        clearFactor = clearFactor == null ? 2.0 : clearFactor;
        minHistory = minHistory == null ? 24 : minHistory;
        SpikeFactors.configured(PROPERTY, warningFactor, criticalFactor, clearFactor, minHistory);
    }

    public SpikeFactors factors() {
        return new SpikeFactors(warningFactor, criticalFactor, clearFactor, minHistory);
    }
}
