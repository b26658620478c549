package io.sentinel.collector.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What Prometheus' HTTP API answered to one query, or why there is no answer. */
public sealed interface PrometheusAnswer {

    /**
     * {@code status: success}.
     *
     * @param series          every series with its finite points; a scalar is one series without
     *                        labels, a string none
     * @param warnings        what Prometheus warned about while answering (the answer may be partial)
     * @param nonFiniteValues points skipped because their value was NaN or ±Inf, which signals cannot carry
     */
    record Data(ResultType resultType, List<Series> series, List<String> warnings, int nonFiniteValues) implements PrometheusAnswer {

        public Data {
            series = List.copyOf(series);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * No usable answer.
     *
     * @param reason    Prometheus' own error text ({@code errorType: error}) when it answered one,
     *                  else what went wrong on the way ("connection refused", a timeout ...)
     * @param answered  whether Prometheus (or something in front of it) answered at all
     */
    record Failed(String reason, boolean answered) implements PrometheusAnswer {
    }

    enum ResultType {
        VECTOR, MATRIX, SCALAR, STRING
    }

    /** One series of a result: its labels and its points, oldest first. */
    record Series(Map<String, String> labels, List<Point> points) {

        public Series {
            labels = Map.copyOf(labels);
            points = List.copyOf(points);
        }
    }

    record Point(Instant at, double value) {
    }
}
