package io.sentinel.collector.series;

import java.util.regex.Pattern;

/** The Prometheus data model's naming rules, which every series Sentinel collects follows. */
public final class SeriesNames {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private SeriesNames() {
    }

    public static boolean isMetricName(String name) {
        return name != null && METRIC_NAME.matcher(name).matches();
    }

    public static boolean isLabelName(String name) {
        return name != null && LABEL_NAME.matcher(name).matches();
    }
}
