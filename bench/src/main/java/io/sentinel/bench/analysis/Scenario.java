package io.sentinel.bench.analysis;

import io.sentinel.analyzer.context.IncidentContext;
import io.sentinel.analyzer.context.LogLine;
import io.sentinel.analyzer.context.SeriesPoint;
import io.sentinel.analyzer.context.TraceSummary;
import io.sentinel.events.analysis.Risk;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.Observation;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One labelled scenario of the analysis evaluation, as its YAML file under
 * {@code analysis-evaluation/scenarios} says: the incident, what the analyzer's store would hold
 * about its resource (a series, log lines, traces), where it runs, and the playbook and risk a good
 * analysis proposes.
 *
 * @param target      the inventory target; absent: the resource is unlisted (counts as production)
 * @param environment the target's environment
 * @param series      the firing signal, one value per minute, oldest first, the last at the opening
 */
record Scenario(String file, String name, String scenarioClass, String target, String environment, Kubernetes kubernetes, Incident incident,
                List<Double> series, List<Log> logs, List<Trace> traces, Expected expected) {

    /** Scenarios are placed at one fixed instant, so every run sends the model the same text. */
    static final Instant OPENED = Instant.parse("2026-11-23T12:00:00Z");

    record Kubernetes(String namespace, String kind, String name) {
    }

    record Incident(String rule, String title, String severity, String resource, Map<String, String> labels, String signal, Double value,
                    Double threshold, String detail) {
    }

    record Log(String level, String message, int minutesAgo) {
    }

    record Trace(String name, int generations, int toolCalls, int failedSteps, double costUsd, long tokens, Map<String, Double> scores,
                 String problem) {
    }

    /** @param playbook null when no playbook of the catalog fits and a person has to look */
    record Expected(String playbook, Risk risk) {
    }

    String environmentOrMostSensitive() {
        return target == null ? "production" : environment;
    }

    IncidentContext context(int index) {
        String incidentId = String.format("eval-%02d", index);
        IncidentOpened opened = new IncidentOpened(incidentId, "signal-" + index, incident.rule() + "|" + incident.resource(), incident.rule(),
                incident.title(), Severity.valueOf(incident.severity() == null ? "WARNING" : incident.severity()), incident.resource(),
                incident.labels() == null ? Map.of() : incident.labels(),
                new Observation(incident.signal(), incident.value(), incident.threshold(), incident.detail(), OPENED), OPENED, target);
        TargetRef ref = target == null ? null : new TargetRef(target, environment, List.of("http://" + target + ":8080"),
                kubernetes == null ? null : new KubernetesRef(kubernetes.namespace(), kubernetes.kind(), kubernetes.name()));
        List<SeriesPoint> points = new ArrayList<>();
        List<Double> values = series == null ? List.of() : series;
        for (int i = 0; i < values.size(); i++) {
            points.add(new SeriesPoint(incident.signal() + "{}", incident.signal(), OPENED.minus(Duration.ofMinutes(values.size() - 1 - i)),
                    values.get(i)));
        }
        List<LogLine> lines = (logs == null ? List.<Log>of() : logs).stream()
                .map(log -> new LogLine(log.level(), log.message(), null, OPENED.minus(Duration.ofMinutes(log.minutesAgo()))))
                .sorted((a, b) -> Boolean.compare(b.error(), a.error()))
                .toList();
        List<TraceSummary> summaries = new ArrayList<>();
        List<Trace> given = traces == null ? List.of() : traces;
        for (int i = 0; i < given.size(); i++) {
            Trace trace = given.get(i);
            summaries.add(new TraceSummary("trace-" + i, trace.name(), OPENED.minusSeconds(60), trace.generations(), trace.toolCalls(),
                    trace.failedSteps(), trace.costUsd(), trace.tokens(), trace.scores(), trace.problem()));
        }
        return new IncidentContext(opened, environmentOrMostSensitive(), ref, points, lines, summaries, List.of());
    }
}
