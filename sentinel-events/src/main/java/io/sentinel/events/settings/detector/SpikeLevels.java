package io.sentinel.events.settings.detector;

/**
 * The checks shared by the settings of spike rules judged against a rolling 7-day hourly baseline
 * (hourly baselines, LLM spend): the levels must leave room for hysteresis and the history must fit the window.
 */
final class SpikeLevels {

    /** The hours of the rolling window a baseline is made of. */
    static final int WINDOW_HOURS = 168;

    private SpikeLevels() {
    }

    static void check(double warningFactor, double criticalFactor, double clearFactor, int minHistory) {
        if (!(clearFactor > 0)) {
            throw new IllegalArgumentException("clear-factor must be positive, was " + clearFactor);
        }
        if (!(warningFactor >= clearFactor)) {
            throw new IllegalArgumentException("warning-factor (" + warningFactor + ") must not be under clear-factor (" + clearFactor
                    + "), or an incident could never clear");
        }
        if (!(criticalFactor >= warningFactor) || Double.isInfinite(criticalFactor)) {
            throw new IllegalArgumentException("critical-factor (" + criticalFactor + ") must not be under warning-factor ("
                    + warningFactor + ")");
        }
        if (minHistory < 1 || minHistory > WINDOW_HOURS) {
            throw new IllegalArgumentException("min-history must be between 1 and " + WINDOW_HOURS + " hours, was " + minHistory);
        }
    }
}
