package io.sentinel.analyzer.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import io.sentinel.events.signal.MetricBatch;
import io.sentinel.events.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What of the signals the analyzer keeps: bounded at the door, whatever a sender sends. */
class ContextSelectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final ContextProperties PROPERTIES = new ContextProperties(Duration.ofMinutes(15), Duration.ofSeconds(15), 3, 5,
            Duration.ofMinutes(30), 2, 4, 80, Duration.ofMinutes(30), 5, 100, Duration.ofMinutes(1));

    @Test
    void keepsOnePointPerSeriesPerResolutionStep() {
        SignalSampling sampling = new SignalSampling(PROPERTIES, 1_000);

        List<SeriesPoint> first = sampling.keep(batch(T0.plusSeconds(1), sample("memory_usage_ratio", "a", 0.5, T0.plusSeconds(1))));
        List<SeriesPoint> sameStep = sampling.keep(batch(T0.plusSeconds(8), sample("memory_usage_ratio", "a", 0.6, T0.plusSeconds(8))));
        List<SeriesPoint> nextStep = sampling.keep(batch(T0.plusSeconds(16), sample("memory_usage_ratio", "a", 0.7, T0.plusSeconds(16))));

        assertThat(first).containsExactly(new SeriesPoint("memory_usage_ratio{pod=\"a\"}", "memory_usage_ratio", T0, 0.5));
        assertThat(sameStep).isEmpty();
        assertThat(nextStep).containsExactly(new SeriesPoint("memory_usage_ratio{pod=\"a\"}", "memory_usage_ratio", T0.plusSeconds(15), 0.7));
    }

    @Test
    void keepsAtMostTheConfiguredSeriesOfOneRoundAndCutsHugeLabelSets() {
        SignalSampling sampling = new SignalSampling(PROPERTIES, 1_000);
        MetricSample huge = new MetricSample("a_metric", Map.of("label", "x".repeat(1_000)), 1, T0);

        List<SeriesPoint> kept = sampling.keep(batch(T0, huge, sample("b", "a", 1, T0), sample("c", "a", 1, T0), sample("d", "a", 1, T0)));

        assertThat(kept).hasSize(3);
        assertThat(kept.getFirst().series()).hasSize(SignalSampling.MAX_SERIES_KEY);
    }

    @Test
    void forgetsTheLeastRecentlyUsedSeriesBeyondWhatItRemembers() {
        SignalSampling sampling = new SignalSampling(PROPERTIES, 1);
        sampling.keep(batch(T0, sample("m", "a", 1, T0)));
        sampling.keep(batch(T0, sample("m", "b", 1, T0)));

        assertThat(sampling.keep(batch(T0, sample("m", "a", 1, T0)))).as("'a' was forgotten; the store drops the repeat").hasSize(1);
    }

    @Test
    void keepsErrorsFirstNewestFirstAndCutsLongLinesAndStackTraces() {
        LogSelection selection = new LogSelection(PROPERTIES);
        String stack = IntStream.range(0, 20).mapToObj(i -> "\tat Frame" + i + ".call(Frame.java:" + i + ")").reduce((a, b) -> a + "\n" + b).orElseThrow();

        List<LogLine> kept = selection.keep(new LogBatch("ingest", "shop", Map.of(), List.of(
                new LogEntry("INFO", "started", null, T0, Map.of()),
                new LogEntry("ERROR", "old error", null, T0.plusSeconds(1), Map.of()),
                new LogEntry("WARN", "slow", null, T0.plusSeconds(2), Map.of()),
                new LogEntry("FATAL", "x".repeat(500), stack, T0.plusSeconds(3), Map.of()),
                new LogEntry("DEBUG", "noise", null, T0.plusSeconds(4), Map.of())), T0));

        assertThat(kept).extracting(LogLine::level).containsExactly("FATAL", "ERROR", "DEBUG", "WARN");
        assertThat(kept.getFirst().message()).hasSize(80).endsWith("…");
        assertThat(kept.getFirst().stackTrace().lines()).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void reducesATraceToCountsCostScoresAndItsFirstFailure() {
        LlmTrace trace = new LlmTrace("t-1", "support-agent", T0, "u", "s", List.of(
                new LlmObservation("o1", LlmObservationType.GENERATION, "plan", T0, T0, "gpt", 1000L, 200L, 0.02, null, null, "call search"),
                new LlmObservation("o2", LlmObservationType.TOOL, "search", T0, T0, null, null, null, null, "ERROR", "timeout after 30s", null),
                new LlmObservation("o3", LlmObservationType.GENERATION, "plan", T0, T0, "gpt", 1100L, 210L, 0.03, null, null, "call search")),
                List.of(new LlmScore("faithfulness", 0.31, null, null)));

        TraceSummary summary = TraceDigest.of(new LlmTraceBatch("langfuse", "support-bot", Map.of(), List.of(trace), T0), 10).getFirst();

        assertThat(summary.generations()).isEqualTo(2);
        assertThat(summary.toolCalls()).isEqualTo(1);
        assertThat(summary.failedSteps()).isEqualTo(1);
        assertThat(summary.tokens()).isEqualTo(2510);
        assertThat(summary.costUsd()).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.scores()).containsExactly(Map.entry("faithfulness", 0.31));
        assertThat(summary.problem()).isEqualTo("search: timeout after 30s");
    }

    private static MetricBatch batch(Instant at, MetricSample... samples) {
        return new MetricBatch("scrape", "shop", Map.of(), at, List.of(samples), null);
    }

    private static MetricSample sample(String name, String pod, double value, Instant at) {
        return new MetricSample(name, Map.of("pod", pod), value, at);
    }
}
