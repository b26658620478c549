package io.sentinel.analyzer.heuristic;

import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The facts an analysis rests on, as lines a person reads in the timeline or an approval request. */
final class IncidentEvidence {

    private IncidentEvidence() {
    }

    static List<String> of(IncidentOpened incident) {
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

    private static String measurement(Observation observation) {
        if (observation.value() == null) {
            return observation.signal() + " observed";
        }
        String measured = observation.signal() + " was " + number(observation.value());
        return observation.threshold() == null ? measured : measured + " (threshold " + number(observation.threshold()) + ")";
    }

    /** 0.6 rather than 0.6000000000000001 or 6.0E-1: people compare these by eye. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
