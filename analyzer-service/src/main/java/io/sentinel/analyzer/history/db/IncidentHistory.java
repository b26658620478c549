package io.sentinel.analyzer.history.db;

import io.sentinel.analyzer.history.HistoryProperties;
import io.sentinel.analyzer.history.IncidentDescription;
import io.sentinel.analyzer.history.IncidentRecord;
import io.sentinel.analyzer.history.Outcome;
import io.sentinel.analyzer.history.PastIncident;
import io.sentinel.analyzer.history.SimilarIncidents;
import io.sentinel.analyzer.history.TextEmbedder;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.execution.ExecutionEvent;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentEvent;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/**
 * The analyzer's memory of incidents: each one as it opened (with the embedding of its description),
 * what the analysis said, which remediation ran and how it ended, and its timeline; and the past
 * incidents most like a new one. Works on the handle of the transaction an event is handled in.
 */
@Component
public class IncidentHistory {

    private final HistoryProperties properties;
    private final TextEmbedder embedder;
    private final SimilarIncidents similar;
    private final Clock clock;

    public IncidentHistory(HistoryProperties properties, TextEmbedder embedder, Clock clock) {
        this.properties = properties;
        this.embedder = embedder;
        this.similar = new SimilarIncidents(properties);
        this.clock = clock;
    }

    /**
     * Remembers an incident that opened and returns the past incidents most like it.
     *
     * @param errors error lines its resource logged around the opening, part of what it is compared on
     */
    public List<PastIncident> rememberOpened(Handle handle, IncidentOpened incident, String environment, List<String> errors) {
        HistoryDao dao = handle.attach(HistoryDao.class);
        String description = IncidentDescription.of(incident, errors);
        float[] embedding = embedder.embed(description).orElse(null);
        if (dao.recordOpened(incident.incidentId(), incident.rule(), incident.resource(), incident.title(), incident.observation().signal(),
                incident.target(), environment,
                incident.labels(), incident.openedAt(), description, embedding, clock.instant()) == 1) {
            dao.addTimelineEntry(incident.incidentId(), incident.openedAt(), Outcome.timelineEntry(incident), properties.maxTimelineEntries());
        }
        if (properties.similarIncidents() == 0) {
            return List.of();
        }
        return similar.rank(description, embedding, dao.candidates(incident.incidentId(), properties.candidates()));
    }

    public void recordAnalysis(Handle handle, AnalysisCompleted analysis) {
        HistoryDao dao = handle.attach(HistoryDao.class);
        String proposed = analysis.proposedAction() == null ? null : analysis.proposedAction().parameters().isEmpty()
                ? analysis.proposedAction().playbookId()
                : analysis.proposedAction().playbookId() + " " + new TreeMap<>(analysis.proposedAction().parameters()).entrySet().stream()
                        .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(", ", "(", ")"));
        Instant now = clock.instant();
        dao.recordAnalysis(analysis.incidentId(), analysis.analystLabel(), analysis.rootCause(), proposed, now);
        dao.addTimelineEntry(analysis.incidentId(), now, "analysed (" + analysis.analystLabel() + "): " + analysis.rootCause()
                + (proposed == null ? "; no playbook fits" : "; proposed " + proposed), properties.maxTimelineEntries());
    }

    /** Everything but the opening, which {@link #rememberOpened} records. */
    public void recordIncidentEvent(Handle handle, IncidentEvent event, Instant at) {
        HistoryDao dao = handle.attach(HistoryDao.class);
        switch (event) {
            case IncidentResolved resolved -> dao.close(resolved.incidentId(), "RESOLVED", resolved.resolvedAt());
            case IncidentEscalated escalated -> dao.close(escalated.incidentId(), "ESCALATED", escalated.escalatedAt());
            default -> {
            }
        }
        dao.addTimelineEntry(event.incidentId(), at, Outcome.timelineEntry(event), properties.maxTimelineEntries());
    }

    public void recordExecution(Handle handle, ExecutionEvent event, Instant at) {
        HistoryDao dao = handle.attach(HistoryDao.class);
        Instant now = clock.instant();
        Outcome.remediation(event).ifPresent(remediation -> dao.recordRemediation(event.incidentId(), remediation, now));
        Outcome.of(event).ifPresent(outcome -> dao.recordOutcome(event.incidentId(), outcome, now));
        dao.addTimelineEntry(event.incidentId(), at, Outcome.timelineEntry(event), properties.maxTimelineEntries());
    }

    public Optional<IncidentRecord> find(Handle handle, String incidentId) {
        return handle.attach(HistoryDao.class).find(incidentId);
    }

    public List<IncidentRecord> recent(Handle handle, int limit) {
        return handle.attach(HistoryDao.class).recent(limit);
    }

    /** Past incidents like a text (a question), by its words and, where there is a model, its embedding. */
    public List<PastIncident> similarTo(Handle handle, String text, String exclude) {
        if (properties.similarIncidents() == 0) {
            return List.of();
        }
        return similar.rank(text, embedder.embed(text).orElse(null),
                handle.attach(HistoryDao.class).candidates(exclude == null ? "" : exclude, properties.candidates()));
    }
}
