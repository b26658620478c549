package io.sentinel.analyzer.context.db;

import io.sentinel.analyzer.context.ContextProperties;
import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.target.TargetRef;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/** Reads an incident's window from the store: its signal's series, its resource's log lines, an LLM application's traces. */
@Component
public class ContextReader {

    private final ContextProperties properties;
    private final Clock clock;

    public ContextReader(ContextProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The incident's context, similar past incidents not yet included. */
    public IncidentContext read(Handle handle, IncidentOpened incident, String environment, TargetRef target) {
        ContextDao dao = handle.attach(ContextDao.class);
        Instant now = clock.instant();
        List<SeriesPoint> series = dao.series(incident.resource(), incident.observation().signal(),
                incident.openedAt().minus(properties.signalWindow()), properties.maxSeriesShown());
        List<LogLine> logs = dao.logLines(incident.resource(), now.minus(properties.logWindow()), properties.maxLogLines());
        List<TraceSummary> traces = incident.rule().startsWith("llm-")
                ? dao.traces(incident.resource(), incident.labels().get("agent"), now.minus(properties.traceWindow()), properties.maxTraces())
                        .stream().map(ContextDao.TraceRow::summary).toList()
                : List.of();
        return new IncidentContext(incident, environment, target, series, logs, traces, List.of());
    }

    /** What a question about a resource may draw on: its recent log lines, errors first. */
    public List<LogLine> recentLogs(Handle handle, String resource, int max) {
        return handle.attach(ContextDao.class).logLines(resource, clock.instant().minus(properties.logWindow()), max);
    }

    public List<SeriesPoint> recentSeries(Handle handle, String resource, String signal) {
        return handle.attach(ContextDao.class).series(resource, signal, clock.instant().minus(properties.signalWindow()),
                properties.maxSeriesShown());
    }

    public List<TraceSummary> recentTraces(Handle handle, String resource, int max) {
        return handle.attach(ContextDao.class).traces(resource, null, clock.instant().minus(properties.traceWindow()), max).stream()
                .map(ContextDao.TraceRow::summary).toList();
    }
}
