package io.sentinel.collector.derive;

import io.sentinel.collector.series.SeriesNames;

/**
 * How one canonical signal is computed from raw series, as configured.
 *
 * @param signal      the name of the derived sample, e.g. {@code memory_usage_ratio}
 * @param formula     {@code ratio} ({@code numerator / denominator}) or {@code one-minus-ratio}
 * @param numerator   a raw metric name
 * @param denominator a raw metric name; series are joined with the numerator's on identical labels
 */
public record DerivedSignal(String signal, Formula formula, String numerator, String denominator) {

    public enum Formula {
        RATIO, ONE_MINUS_RATIO
    }

    public Derivation derivation() {
        return switch (formula) {
            case RATIO -> new Ratio(signal, numerator, denominator);
            case ONE_MINUS_RATIO -> new OneMinusRatio(signal, numerator, denominator);
        };
    }

    /** @param property where this definition was configured, e.g. {@code sentinel.collector.derived[1]} */
    void validate(String property) {
        requireMetricName(signal, property + ".signal");
        if (formula == null) {
            throw new IllegalArgumentException(property + ".formula must be one of ratio, one-minus-ratio");
        }
        requireMetricName(numerator, property + ".numerator");
        requireMetricName(denominator, property + ".denominator");
    }

    private static void requireMetricName(String name, String property) {
        if (!SeriesNames.isMetricName(name)) {
            throw new IllegalArgumentException(property + " must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), was '" + name + "'");
        }
    }
}
