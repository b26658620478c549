package io.sentinel.events.settings.detector;

import java.util.List;

/**
 * Rule {@code hourly-baseline-spike}: this hour's value against the mean of the hours with data among
 * the 168 complete hours before it ({@code sentinel.detector.baseline.hourly}, or the runtime setting
 * {@code detector.baseline.hourly}, which replaces the block; fields it leaves out take the defaults).
 *
 * @param signals        the metrics judged this way; an hour's value is the mean of its samples
 * @param warningFactor  the hour's value above this many times the baseline: warning (default 2.5)
 * @param criticalFactor above this many times: critical (default 5)
 * @param clearFactor    an active condition clears below this many times (default 2)
 * @param minHistory     hours with data the baseline needs before anything is judged (default 24)
 */
public record HourlyBaselineSetting(List<String> signals, Double warningFactor, Double criticalFactor, Double clearFactor,
                                    Integer minHistory) {

    public static final HourlyBaselineSetting DEFAULTS = new HourlyBaselineSetting(null, null, null, null, null);

    public HourlyBaselineSetting {
        signals = Signals.orDefault(signals, List.of("http_requests_per_second", "http_errors_per_second"));
        warningFactor = warningFactor == null ? 2.5 : warningFactor;
        criticalFactor = criticalFactor == null ? 5.0 : criticalFactor;
        clearFactor = clearFactor == null ? 2.0 : clearFactor;
        minHistory = minHistory == null ? 24 : minHistory;
        SpikeLevels.check(warningFactor, criticalFactor, clearFactor, minHistory);
    }
}
