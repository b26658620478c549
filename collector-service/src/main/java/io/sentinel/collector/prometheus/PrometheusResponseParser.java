package io.sentinel.collector.prometheus;

import io.sentinel.collector.prometheus.PrometheusAnswer.Data;
import io.sentinel.collector.prometheus.PrometheusAnswer.Failed;
import io.sentinel.collector.prometheus.PrometheusAnswer.Point;
import io.sentinel.collector.prometheus.PrometheusAnswer.ResultType;
import io.sentinel.collector.prometheus.PrometheusAnswer.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON envelope of Prometheus' HTTP API (v1), as {@code /api/v1/query} and
 * {@code /api/v1/query_range} answer it:
 * <pre>
 * {"status": "success" | "error", "data": {"resultType": "vector" | "matrix" | "scalar" | "string", "result": ...},
 *  "errorType": "...", "error": "...", "warnings": ["..."]}
 * </pre>
 * Sample values are strings so that {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"} survive JSON;
 * timestamps are seconds with millisecond decimals. Pure.
 */
public final class PrometheusResponseParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PrometheusResponseParser() {
    }

    /** @param httpStatus Prometheus answers errors with 4xx/5xx and the same JSON envelope */
    public static PrometheusAnswer parse(int httpStatus, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return new Failed(httpStatus / 100 == 2
                    ? "not a Prometheus API answer: " + e.getOriginalMessage()
                    : "HTTP " + httpStatus + " without a Prometheus API answer", true);
        }
        if (root == null || !root.isObject()) {
            return new Failed(httpStatus / 100 == 2 ? "not a Prometheus API answer: expected a JSON object"
                    : "HTTP " + httpStatus + " without a Prometheus API answer", true);
        }
        String status = root.path("status").asString("");
        return switch (status) {
            case "success" -> {
                try {
                    yield data(root);
                } catch (MalformedAnswer e) {
                    yield new Failed("malformed Prometheus answer: " + e.getMessage(), true);
                }
            }
            case "error" -> new Failed(errorText(root) + (httpStatus / 100 == 2 ? "" : " (HTTP " + httpStatus + ")"), true);
            default -> new Failed(httpStatus / 100 == 2 ? "not a Prometheus API answer: no status success or error"
                    : "HTTP " + httpStatus + " without a Prometheus API answer", true);
        };
    }

    private static String errorText(JsonNode root) {
        String type = root.path("errorType").asString("");
        String error = root.path("error").asString("");
        if (type.isEmpty()) {
            return error.isEmpty() ? "error without a message" : error;
        }
        return error.isEmpty() ? type : type + ": " + error;
    }

    private static Data data(JsonNode root) throws MalformedAnswer {
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(warning -> warnings.add(warning.asString()));
        var counter = new NonFinite();
        List<Series> series = new ArrayList<>();
        ResultType resultType;
        switch (type) {
            case "vector" -> {
                resultType = ResultType.VECTOR;
                for (JsonNode element : elements(result, "data.result")) {
                    List<Point> points = new ArrayList<>(1);
                    point(element.path("value"), "data.result[].value", counter).ifPresent(points::add);
                    series.add(new Series(labels(element.path("metric")), points));
                }
            }
            case "matrix" -> {
                resultType = ResultType.MATRIX;
                for (JsonNode element : elements(result, "data.result")) {
                    List<Point> points = new ArrayList<>();
                    for (JsonNode value : elements(element.path("values"), "data.result[].values")) {
                        point(value, "data.result[].values[]", counter).ifPresent(points::add);
                    }
                    series.add(new Series(labels(element.path("metric")), points));
                }
            }
            case "scalar" -> {
                resultType = ResultType.SCALAR;
                point(result, "data.result", counter).ifPresent(point -> series.add(new Series(Map.of(), List.of(point))));
            }
            case "string" -> resultType = ResultType.STRING;
            default -> throw new MalformedAnswer("unknown data.resultType '" + type + "'");
        }
        // A series whose every value was non-finite is no series for Sentinel.
        series.removeIf(s -> s.points().isEmpty());
        return new Data(resultType, series, warnings, counter.count);
    }

    private static List<JsonNode> elements(JsonNode array, String field) throws MalformedAnswer {
        if (!array.isArray()) {
            throw new MalformedAnswer(field + " is not an array");
        }
        List<JsonNode> elements = new ArrayList<>(array.size());
        array.forEach(elements::add);
        return elements;
    }

    private static Map<String, String> labels(JsonNode metric) throws MalformedAnswer {
        if (metric.isMissingNode()) {
            return Map.of();
        }
        if (!metric.isObject()) {
            throw new MalformedAnswer("data.result[].metric is not an object");
        }
        Map<String, String> labels = new HashMap<>();
        for (Map.Entry<String, JsonNode> label : metric.properties()) {
            labels.put(label.getKey(), label.getValue().asString());
        }
        return labels;
    }

    /** {@code [<unix seconds>, "<value>"]}; empty when the value is not finite. */
    private static Optional<Point> point(JsonNode pair, String field, NonFinite counter) throws MalformedAnswer {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isString()) {
            throw new MalformedAnswer(field + " is not a [timestamp, \"value\"] pair");
        }
        Instant at = Instant.ofEpochMilli(Math.round(pair.get(0).doubleValue() * 1000));
        double value = value(pair.get(1).stringValue(), field);
        if (!Double.isFinite(value)) {
            counter.count++;
            return Optional.empty();
        }
        return Optional.of(new Point(at, value));
    }

    /** Go's strconv.FormatFloat output, as Prometheus writes it. */
    static double value(String text, String field) throws MalformedAnswer {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MalformedAnswer(field + " value '" + text + "' is not a number");
                }
            }
        };
    }

    private static final class NonFinite {
        private int count;
    }

    /** The answer claims success but does not have the API's shape. */
    static final class MalformedAnswer extends Exception {

        MalformedAnswer(String reason) {
            super(reason, null, false, false);
        }
    }
}
