package io.sentinel.analyzer.context;

import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reduces the traces of an LLM application to what an analysis reads: counts, cost, scores and the first failure. */
public final class TraceDigest {

    private static final int MAX_PROBLEM_CHARS = 300;
    private static final int MAX_SCORES = 10;

    private TraceDigest() {
    }

    public static List<TraceSummary> of(LlmTraceBatch batch, int max) {
        return batch.traces().stream().limit(max).map(TraceDigest::of).toList();
    }

    static TraceSummary of(LlmTrace trace) {
        List<LlmObservation> failed = trace.observations().stream().filter(LlmObservation::failed).toList();
        String problem = failed.stream()
                .map(step -> step.name() + ": " + Objects.requireNonNullElse(step.statusMessage(), Objects.requireNonNullElse(step.output(), "failed")))
                .findFirst()
                .map(text -> LogSelection.cut(text, MAX_PROBLEM_CHARS))
                .orElse(null);
        long tokens = trace.generations().stream()
                .mapToLong(generation -> Objects.requireNonNullElse(generation.inputTokens(), 0L) + Objects.requireNonNullElse(generation.outputTokens(), 0L))
                .sum();
        Map<String, Double> scores = new LinkedHashMap<>();
        trace.scores().stream().limit(MAX_SCORES).forEach(score -> scores.putIfAbsent(score.name(), score.value()));
        return new TraceSummary(trace.traceId(), trace.name(), trace.timestamp(), trace.generations().size(), trace.toolCalls().size(),
                failed.size(), trace.costUsd(), tokens, scores, problem);
    }
}
