package io.sentinel.analyzer.ask;

import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.analyzer.history.IncidentRecord;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.playbooks.Playbook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the analyzer knows that bears on a question, gathered by read-only look-ups over its own
 * store: the incident asked about (with its analysis, remediation, outcome and timeline), its
 * resource's signals, log lines and traces, past incidents like it (and past fixes), the incidents of
 * the moment for a general question, and the playbook catalog.
 *
 * @param askedAbout the incident id the question names, even when the analyzer does not know it
 * @param incident   that incident, when known
 */
public record Knowledge(String askedAbout, IncidentRecord incident, List<IncidentRecord> recent, List<SeriesPoint> series,
                        List<LogLine> logs, List<TraceSummary> traces, List<PastIncident> similar, Collection<Playbook> playbooks) {

    public Knowledge {
        recent = List.copyOf(recent);
        series = List.copyOf(series);
        logs = List.copyOf(logs);
        traces = List.copyOf(traces);
        similar = List.copyOf(similar);
        playbooks = List.copyOf(playbooks);
    }

    /**
     * What the answer drew on, for the asker to check: incident ids, "timeline of", "signals of",
     * "logs of" and "traces of" the incident's resource, "playbook catalog".
     */
    public List<String> sources() {
        Set<String> sources = new LinkedHashSet<>();
        if (incident != null) {
            sources.add(incident.incidentId());
            if (!incident.timeline().isEmpty()) {
                sources.add("timeline of " + incident.incidentId());
            }
            if (!series.isEmpty()) {
                sources.add("signals of " + incident.resource());
            }
            if (!logs.isEmpty()) {
                sources.add("logs of " + incident.resource());
            }
            if (!traces.isEmpty()) {
                sources.add("traces of " + incident.resource());
            }
        }
        recent.forEach(other -> sources.add(other.incidentId()));
        similar.forEach(past -> sources.add(past.incidentId()));
        if (!playbooks.isEmpty()) {
            sources.add("playbook catalog");
        }
        return new ArrayList<>(sources);
    }
}
