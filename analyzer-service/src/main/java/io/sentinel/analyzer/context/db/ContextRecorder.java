package io.sentinel.analyzer.context.db;

import io.sentinel.analyzer.context.ContextProperties;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.LogSelection;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.SignalSampling;
import io.sentinel.analyzer.context.TraceDigest;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.analyzer.redaction.Redactor;
import io.sentinel.events.signal.AlertStatus;
import io.sentinel.events.signal.ExternalAlert;
import io.sentinel.events.signal.HeartbeatReceived;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.SignalEvent;
import io.sentinel.runtime.consume.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the analyzer's window from the signals it consumes: sampled series points, log lines (and
 * Alertmanager alerts, as lines), LLM trace summaries. Log text is redacted on the way in, so the
 * analyzer's database never holds a secret someone logged. Runs in the transaction the signal is
 * handled in.
 */
@Component
public class ContextRecorder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ContextProperties properties;
    private final SignalSampling sampling;
    private final LogSelection logSelection;
    private final Redactor redactor;

    public ContextRecorder(ContextProperties properties, SignalSampling sampling, Redactor redactor) {
        this.properties = properties;
        this.sampling = sampling;
        this.logSelection = new LogSelection(properties);
        this.redactor = redactor;
    }

    public void onSignal(SignalEvent signal, EventContext context) {
        ContextDao dao = context.attach(ContextDao.class);
        switch (signal) {
            case MetricBatch batch -> {
                List<SeriesPoint> points = sampling.keep(batch);
                if (!points.isEmpty()) {
                    dao.addPoints(batch.resource(), points);
                }
            }
            case LogBatch batch -> addLines(dao, batch.resource(), batch.receivedAt(), logSelection.keep(batch));
            case ExternalAlert alert -> addLines(dao, alert.resource(), alert.receivedAt(), List.of(alertLine(alert)));
            case LlmTraceBatch batch -> {
                List<ContextDao.StoredTrace> traces = TraceDigest.of(batch, properties.maxStoredTraces()).stream().map(this::stored).toList();
                dao.addTraces(batch.resource(), batch.receivedAt(), traces);
                dao.forgetTracesBeyond(batch.resource(), properties.maxStoredTraces());
            }
            case HeartbeatReceived ignored -> {
                // A heartbeat says something ran; its absence is the detector's to notice.
            }
        }
    }

    private void addLines(ContextDao dao, String resource, Instant receivedAt, List<LogLine> lines) {
        dao.addLogLines(resource, receivedAt, lines.stream()
                .map(line -> new LogLine(line.level(), redactor.redact(line.message()), redactor.redact(line.stackTrace()), line.at()))
                .toList());
        dao.forgetLogLinesBeyond(resource, properties.maxStoredLogLines());
    }

    /** An alert as a log line of its resource: firing counts as an error, its annotations as the message. */
    private LogLine alertLine(ExternalAlert alert) {
        String annotations = alert.annotations().entrySet().stream()
                .filter(annotation -> !annotation.getKey().equals("runbook_url"))
                .map(annotation -> annotation.getKey() + ": " + annotation.getValue())
                .collect(Collectors.joining("; "));
        String message = "alert " + alert.alertName() + " " + alert.status().name().toLowerCase() + (annotations.isEmpty() ? "" : " (" + annotations + ")");
        String level = alert.status() == AlertStatus.FIRING ? "ERROR" : "INFO";
        return new LogLine(level, cut(message), null, alert.startsAt());
    }

    private String cut(String text) {
        int max = properties.maxLogLineChars();
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private ContextDao.StoredTrace stored(TraceSummary trace) {
        Map<String, Double> scores = trace.scores();
        return new ContextDao.StoredTrace(trace.traceId(), trace.name(), trace.at(), trace.generations(), trace.toolCalls(),
                trace.failedSteps(), trace.costUsd(), trace.tokens(), JSON.writeValueAsString(scores), redactor.redact(trace.problem()));
    }
}
