package io.sentinel.analyzer.heuristic;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The facts an analysis rests on, as lines a person reads in the timeline or an approval request. */
public final class IncidentEvidence {

    private static final int ERROR_LINES = 3;
    private static final int TRACES = 2;

    private IncidentEvidence() {
    }

    public static List<String> of(IncidentOpened incident) {
        Observation observation = incident.observation();
        List<String> lines = new ArrayList<>();
        lines.add(measurement(observation) + " at " + observation.observedAt());
        if (observation.detail() != null && !observation.detail().isBlank()) {
            lines.add("detector rule " + incident.rule() + ": " + observation.detail());
        }
        if (!incident.labels().isEmpty()) {
            lines.add("labels: " + new TreeMap<>(incident.labels()).entrySet().stream()
                    .map(label -> label.getKey() + "=" + label.getValue())
                    .collect(Collectors.joining(", ")));
        }
        return List.copyOf(lines);
    }

    /** What the analyzer's own store adds: the signal's trend, error lines, failing traces, similar past incidents. */
    public static List<String> ofContext(IncidentContext context) {
        List<String> lines = new ArrayList<>();
        trend(context.series()).ifPresent(lines::add);
        context.logs().stream().filter(LogLine::error).limit(ERROR_LINES)
                .forEach(line -> lines.add("log " + line.level() + " at " + line.at() + ": " + line.message()));
        context.traces().stream().filter(trace -> trace.failedSteps() > 0 || trace.generations() > 0).limit(TRACES)
                .forEach(trace -> lines.add(trace(trace)));
        context.similar().forEach(past -> lines.add(similar(past)));
        return lines;
    }

    static String similar(PastIncident past) {
        return "similar past incident " + past.incidentId() + " (" + past.rule() + " on " + past.resource() + ", similarity "
                + number(round(past.similarity())) + "): " + (past.remediation() == null ? "no remediation" : "remediated by " + past.remediation())
                + ", " + (past.outcome() == null ? "outcome unknown" : past.outcome());
    }

    private static String trace(TraceSummary trace) {
        return "trace " + trace.traceId() + " (" + trace.name() + "): " + trace.generations() + " generations, " + trace.toolCalls()
                + " tool calls, " + trace.failedSteps() + " failed steps, $" + number(round(trace.costUsd()))
                + (trace.problem() == null ? "" : "; " + trace.problem());
    }

    /** The firing signal over the window: first, last, min and max of its busiest series. */
    private static Optional<String> trend(List<SeriesPoint> series) {
        if (series.size() < 2) {
            return Optional.empty();
        }
        Map<String, List<SeriesPoint>> bySeries = series.stream().collect(Collectors.groupingBy(SeriesPoint::series, TreeMap::new, Collectors.toList()));
        Map.Entry<String, List<SeriesPoint>> longest = bySeries.entrySet().stream()
                .max(Comparator.comparingInt(entry -> entry.getValue().size())).orElseThrow();
        List<SeriesPoint> points = longest.getValue();
        DoubleSummaryStatistics stats = points.stream().mapToDouble(SeriesPoint::value).summaryStatistics();
        return Optional.of(longest.getKey() + " went from " + number(round(points.getFirst().value())) + " at " + points.getFirst().at()
                + " to " + number(round(points.getLast().value())) + " at " + points.getLast().at() + " (min " + number(round(stats.getMin()))
                + ", max " + number(round(stats.getMax())) + ", " + points.size() + " points)");
    }

    private static String measurement(Observation observation) {
        if (observation.value() == null) {
            return observation.signal() + " observed";
        }
        String measured = observation.signal() + " was " + number(observation.value());
        return observation.threshold() == null ? measured : measured + " (threshold " + number(observation.threshold()) + ")";
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** 0.6 rather than 0.6000000000000001 or 6.0E-1: people compare these by eye. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
