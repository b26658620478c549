package io.sentinel.analyzer.ask.db;

import io.sentinel.analyzer.ask.AskProperties;
import io.sentinel.analyzer.ask.Knowledge;
import io.sentinel.analyzer.context.db.ContextReader;
import io.sentinel.analyzer.history.IncidentRecord;
import io.sentinel.analyzer.history.db.IncidentHistory;
import io.sentinel.events.question.QuestionAsked;
import io.sentinel.playbooks.PlaybookCatalog;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/**
 * The read-only look-ups an answer is built on, over the analyzer's own store: the incident asked
 * about, with its timeline, its resource's signals, log lines and traces; the incidents of the moment
 * for a general question; past incidents like the question; the catalog.
 */
@Component
public class KnowledgeReader {

    private static final int TRACES = 3;

    private final IncidentHistory history;
    private final ContextReader contexts;
    private final PlaybookCatalog catalog;
    private final AskProperties properties;

    public KnowledgeReader(IncidentHistory history, ContextReader contexts, PlaybookCatalog catalog, AskProperties properties) {
        this.history = history;
        this.contexts = contexts;
        this.catalog = catalog;
        this.properties = properties;
    }

    public Knowledge read(Handle handle, QuestionAsked question) {
        if (question.incidentId() == null) {
            return new Knowledge(null, null, history.recent(handle, properties.recentIncidents()), List.of(), List.of(), List.of(),
                    history.similarTo(handle, question.question(), null), catalog.all());
        }
        Optional<IncidentRecord> incident = history.find(handle, question.incidentId());
        if (incident.isEmpty()) {
            return new Knowledge(question.incidentId(), null, history.recent(handle, properties.recentIncidents()), List.of(), List.of(),
                    List.of(), List.of(), catalog.all());
        }
        IncidentRecord known = incident.get();
        return new Knowledge(question.incidentId(), known, List.of(), contexts.recentSeries(handle, known.resource(), known.signal()),
                contexts.recentLogs(handle, known.resource(), properties.maxLogLines()),
                known.rule().startsWith("llm-") ? contexts.recentTraces(handle, known.resource(), TRACES) : List.of(),
                history.similarTo(handle, known.title() + ". " + question.question(), known.incidentId()), catalog.all());
    }
}
