package io.sentinel.analyzer.context;

import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.target.TargetRef;
import java.util.List;

/**
 * Everything an analysis of one incident rests on, assembled by the analyzer from its own store.
 *
 * @param environment the target's environment from the inventory (the most sensitive one when the
 *                    incident names no listed target), never a label
 * @param target      the inventory's target, when the incident names a listed one
 * @param series      the firing signal's series for the resource, oldest point first
 * @param logs        the resource's recent log lines, errors first
 * @param traces      for an LLM-application incident, its recent traces, failing ones first
 * @param similar     similar past incidents, most similar first
 */
public record IncidentContext(IncidentOpened incident, String environment, TargetRef target, List<SeriesPoint> series, List<LogLine> logs,
                              List<TraceSummary> traces, List<PastIncident> similar) {

    public IncidentContext {
        series = List.copyOf(series);
        logs = List.copyOf(logs);
        traces = List.copyOf(traces);
        similar = List.copyOf(similar);
    }

    /** Only the incident: what an analysis knows when the store has nothing about its resource yet. */
    public static IncidentContext of(IncidentOpened incident, String environment, TargetRef target) {
        return new IncidentContext(incident, environment, target, List.of(), List.of(), List.of(), List.of());
    }

    public IncidentContext withSimilar(List<PastIncident> pastIncidents) {
        return new IncidentContext(incident, environment, target, series, logs, traces, pastIncidents);
    }

    public List<String> errorMessages() {
        return logs.stream().filter(LogLine::error).map(LogLine::message).toList();
    }
}
