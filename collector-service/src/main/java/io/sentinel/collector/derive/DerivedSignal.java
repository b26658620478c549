package io.sentinel.collector.derive;

import io.sentinel.collector.series.SeriesNames;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How one canonical signal is computed from raw series, as configured. Each formula reads the
 * fields it names and refuses the others, so a misspelt or misplaced field fails at start-up.
 *
 * @param signal      the name of the derived sample, e.g. {@code memory_usage_ratio}
 * @param formula     see {@link Formula}
 * @param numerator   ratio, one-minus-ratio: the metric divided; rate-over-quota: the usage counter
 * @param denominator ratio, one-minus-ratio: the metric divided by, joined on identical labels;
 *                    rate-over-quota: the quota
 * @param period      rate-over-quota: the period the quota is granted per
 * @param metric      gauge, rate, sum-of-rates, one-minus-idle-rate: the metric read
 * @param sumOver     sum-of-rates: the label summed away, e.g. {@code code}
 * @param matching    sum-of-rates: a regular expression the value of {@code sumOver} must match for a
 *                    series to count, e.g. {@code 5..}; none counts every series
 */
public record DerivedSignal(String signal, Formula formula, String numerator, String denominator, String period, String metric,
                            String sumOver, String matching) {

    public enum Formula {
        /** numerator / denominator */
        RATIO,
        /** 1 - numerator / denominator */
        ONE_MINUS_RATIO,
        /** the metric under the signal's name */
        GAUGE,
        /** per-second rate of a counter */
        RATE,
        /** per-second rates summed over one label, optionally only where it matches */
        SUM_OF_RATES,
        /** rate of a usage counter over quota / period */
        RATE_OVER_QUOTA,
        /** 1 - the average rate of a CPU-seconds counter in mode "idle" */
        ONE_MINUS_IDLE_RATE
    }

    public static DerivedSignal ratio(String signal, String numerator, String denominator) {
        return new DerivedSignal(signal, Formula.RATIO, numerator, denominator, null, null, null, null);
    }

    public static DerivedSignal oneMinusRatio(String signal, String numerator, String denominator) {
        return new DerivedSignal(signal, Formula.ONE_MINUS_RATIO, numerator, denominator, null, null, null, null);
    }

    public static DerivedSignal gauge(String signal, String metric) {
        return new DerivedSignal(signal, Formula.GAUGE, null, null, null, metric, null, null);
    }

    public static DerivedSignal rate(String signal, String counter) {
        return new DerivedSignal(signal, Formula.RATE, null, null, null, counter, null, null);
    }

    public static DerivedSignal sumOfRates(String signal, String counter, String sumOver, String matching) {
        return new DerivedSignal(signal, Formula.SUM_OF_RATES, null, null, null, counter, sumOver, matching);
    }

    public static DerivedSignal rateOverQuota(String signal, String counter, String quota, String period) {
        return new DerivedSignal(signal, Formula.RATE_OVER_QUOTA, counter, quota, period, null, null, null);
    }

    public static DerivedSignal oneMinusIdleRate(String signal, String counter) {
        return new DerivedSignal(signal, Formula.ONE_MINUS_IDLE_RATE, null, null, null, counter, null, null);
    }

    public Derivation derivation() {
        return switch (formula) {
            case RATIO -> new Ratio(signal, numerator, denominator);
            case ONE_MINUS_RATIO -> new OneMinusRatio(signal, numerator, denominator);
            case GAUGE -> new Gauge(signal, metric);
            case RATE -> new Rate(signal, metric);
            case SUM_OF_RATES -> new SumOfRates(signal, metric, sumOver, matching);
            case RATE_OVER_QUOTA -> new RateOverQuota(signal, numerator, denominator, period);
            case ONE_MINUS_IDLE_RATE -> new OneMinusIdleRate(signal, metric);
        };
    }

    /** @param property where this definition was configured, e.g. {@code sentinel.collector.derived[1]} */
    void validate(String property) {
        requireMetricName(signal, property + ".signal");
        if (formula == null) {
            throw new IllegalArgumentException(property + ".formula must be one of ratio, one-minus-ratio, gauge, rate, sum-of-rates, "
                    + "rate-over-quota, one-minus-idle-rate");
        }
        Set<String> used = switch (formula) {
            case RATIO, ONE_MINUS_RATIO -> Set.of("numerator", "denominator");
            case GAUGE, RATE, ONE_MINUS_IDLE_RATE -> Set.of("metric");
            case SUM_OF_RATES -> Set.of("metric", "sum-over", "matching");
            case RATE_OVER_QUOTA -> Set.of("numerator", "denominator", "period");
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("numerator", numerator);
        fields.put("denominator", denominator);
        fields.put("period", period);
        fields.put("metric", metric);
        fields.put("sum-over", sumOver);
        fields.put("matching", matching);
        String formulaName = formula.name().toLowerCase(Locale.ROOT).replace('_', '-');
        fields.forEach((field, value) -> {
            if (!used.contains(field) && value != null) {
                throw new IllegalArgumentException(property + "." + field + " is not used by formula " + formulaName
                        + "; it reads " + String.join(", ", used.stream().sorted().toList()));
            }
        });
        for (String field : used) {
            switch (field) {
                case "sum-over" -> {
                    if (!SeriesNames.isLabelName(sumOver)) {
                        throw new IllegalArgumentException(property + ".sum-over must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), was '"
                                + sumOver + "'");
                    }
                }
                case "matching" -> requirePatternIfSet(matching, property + ".matching");
                default -> requireMetricName(fields.get(field), property + "." + field);
            }
        }
    }

    private static void requireMetricName(String name, String property) {
        if (!SeriesNames.isMetricName(name)) {
            throw new IllegalArgumentException(property + " must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), was '" + name + "'");
        }
    }

    private static void requirePatternIfSet(String regex, String property) {
        if (regex == null) {
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(property + " must be a regular expression, was '" + regex + "': " + e.getDescription());
        }
    }
}
