package io.sentinel.analyzer.ask;

import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.history.IncidentRecord;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.analyzer.redaction.Redactor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer when no model answers: a plain summary of the same knowledge a model would have been
 * given, opened by a line that says why it is a summary rather than an answer. Pure.
 */
public final class TemplatedAnswer {

    private static final int LOG_LINES = 5;
    private static final int TIMELINE_ENTRIES = 10;

    private TemplatedAnswer() {
    }

    public static String of(Knowledge knowledge, String reason, Redactor redactor) {
        StringBuilder text = new StringBuilder()
                .append("No model answered (").append(reason).append("), so here is what Sentinel knows rather than an answer to the question.\n\n");
        if (knowledge.askedAbout() != null && knowledge.incident() == null) {
            text.append("Sentinel knows no incident ").append(knowledge.askedAbout()).append(".\n");
        }
        if (knowledge.incident() != null) {
            incident(text, knowledge.incident(), redactor);
            List<LogLine> logs = knowledge.logs().stream().limit(LOG_LINES).toList();
            if (!logs.isEmpty()) {
                text.append("\nRecent log lines of ").append(knowledge.incident().resource()).append(" (errors first):\n");
                logs.forEach(line -> text.append("- ").append(line.at()).append(' ').append(line.level()).append(": ")
                        .append(redactor.redact(line.message())).append('\n'));
            }
        }
        if (!knowledge.recent().isEmpty()) {
            text.append("Incidents, open ones first:\n");
            knowledge.recent().forEach(incident -> text.append("- ").append(line(incident, redactor)).append('\n'));
        }
        if (!knowledge.similar().isEmpty()) {
            text.append("\nSimilar past incidents:\n");
            knowledge.similar().forEach(past -> text.append("- ").append(past(past, redactor)).append('\n'));
        }
        if (knowledge.incident() == null && knowledge.recent().isEmpty() && knowledge.similar().isEmpty()) {
            text.append("Sentinel has recorded no incidents yet.\n");
        }
        return text.toString();
    }

    private static void incident(StringBuilder text, IncidentRecord incident, Redactor redactor) {
        text.append("Incident ").append(incident.incidentId()).append(": ").append(redactor.redact(incident.title())).append('\n')
                .append("- rule ").append(incident.rule()).append(" on ").append(incident.resource()).append(" (").append(incident.environment())
                .append("), opened ").append(incident.openedAt()).append(", ").append(incident.status().toLowerCase()).append('\n');
        if (incident.rootCause() != null) {
            text.append("- analysis (").append(incident.analyst()).append("): ").append(redactor.redact(incident.rootCause())).append('\n');
        }
        text.append("- proposed: ").append(incident.proposed() == null ? "no playbook" : incident.proposed()).append('\n');
        if (incident.remediation() != null) {
            text.append("- remediation: ").append(incident.remediation()).append(incident.outcome() == null ? "" : ", " + incident.outcome())
                    .append('\n');
        }
        if (!incident.timeline().isEmpty()) {
            text.append("\nTimeline:\n");
            incident.timeline().stream().skip(Math.max(0, incident.timeline().size() - TIMELINE_ENTRIES))
                    .forEach(entry -> text.append("- ").append(entry.at()).append(' ').append(redactor.redact(entry.entry())).append('\n'));
        }
    }

    private static String line(IncidentRecord incident, Redactor redactor) {
        return incident.incidentId() + " " + incident.status().toLowerCase() + ": " + redactor.redact(incident.title()) + " (" + incident.rule()
                + " on " + incident.resource() + ", opened " + incident.openedAt() + ")"
                + (incident.rootCause() == null ? "" : "; " + redactor.redact(incident.rootCause()));
    }

    private static String past(PastIncident past, Redactor redactor) {
        return past.incidentId() + ": " + redactor.redact(past.title()) + " - " + List.of(
                        past.remediation() == null ? "no remediation" : "remediated by " + past.remediation(),
                        past.outcome() == null ? "outcome unknown" : past.outcome())
                .stream().collect(Collectors.joining(", "));
    }
}
