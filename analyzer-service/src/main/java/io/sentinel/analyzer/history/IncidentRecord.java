package io.sentinel.analyzer.history;

import java.time.Instant;
import java.util.List;

/**
 * What the analyzer knows of one incident: how it opened, what the analysis said, what ran and how
 * it ended, and its timeline.
 *
 * @param status   OPEN, RESOLVED or ESCALATED
 * @param proposed the playbook the analysis proposed, as "playbook (parameters)", if any
 * @param timeline oldest first, "at: entry"
 */
public record IncidentRecord(String incidentId, String rule, String resource, String title, String signal, String target, String environment,
                             Instant openedAt, String status, String analyst, String rootCause, String proposed, String remediation,
                             String outcome, Instant closedAt, List<TimelineEntry> timeline) {

    public IncidentRecord {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    public record TimelineEntry(Instant at, String entry) {
    }
}
