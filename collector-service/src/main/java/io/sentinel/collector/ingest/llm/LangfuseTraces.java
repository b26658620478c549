package io.sentinel.collector.ingest.llm;

import io.sentinel.collector.ingest.EventChunks;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadBinding;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.collector.ingest.constraint.Rfc3339;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Traces of LLM applications, shaped after Langfuse's public trace model, one object or an array:
 * <pre>
 * {"application": "support-bot", "environment": "production",
 *  "id": "t-1", "name": "answer", "timestamp": "...", "userId": "...", "sessionId": "...", "metadata": {...},
 *  "observations": [{"id": "o-1", "type": "GENERATION", "name": "llm", "startTime": "...", "endTime": "...",
 *                    "model": "gpt-4o", "usage": {"input": 812, "output": 96}, "costDetails": {"total": 0.0031},
 *                    "level": "DEFAULT", "statusMessage": null, "output": ...}],
 *  "scores": [{"name": "helpfulness", "value": 0.8, "observationId": "o-1", "comment": "..."}]}
 * </pre>
 * bound to {@link TracePayload}. Langfuse's aliases are read too: {@code usageDetails},
 * {@code promptTokens}/{@code completionTokens}, {@code calculatedTotalCost}. Traces are grouped into
 * {@link LlmTraceBatch}es per application and environment. Pure.
 */
public final class LangfuseTraces {

    public static final String SOURCE = "ingest";
    /** An output, converted to text, is cut to this: enough to see what went wrong, not a transcript. */
    static final TextLimit OUTPUT = new TextLimit(4096);
    static final TextLimit TEXT = new TextLimit(4096);

    private LangfuseTraces() {
    }

    /** @param traceSize a trace's size as it will be encoded, to split batches */
    public static List<LlmTraceBatch> parse(byte[] body, Instant receivedAt, int maxItems, ToIntFunction<LlmTrace> traceSize) {
        JsonNode root = PayloadBinding.read(body);
        List<TracePayload> payloads = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > maxItems) {
                throw new PayloadTooLarge(root.size() + " traces in one request; at most " + maxItems
                        + " are accepted (sentinel.collector.ingest.max-items): split it");
            }
            for (int i = 0; i < root.size(); i++) {
                payloads.add(PayloadBinding.bind(root.get(i), TracePayload.class, null, "[" + i + "]"));
            }
        } else {
            payloads.add(PayloadBinding.bind(root, TracePayload.class, null, ""));
        }
        if (payloads.isEmpty()) {
            throw InvalidPayload.whole(null, "no traces: send one trace object or an array of them");
        }
        Map<Group, List<LlmTrace>> groups = new LinkedHashMap<>();
        for (TracePayload payload : payloads) {
            var group = new Group(payload.application(), payload.environment());
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(trace(payload, receivedAt));
        }
        List<LlmTraceBatch> batches = new ArrayList<>();
        groups.forEach((group, traces) -> {
            for (List<LlmTrace> chunk : EventChunks.split(traces, traceSize, trace -> "trace '" + trace.traceId() + "'")) {
                batches.add(new LlmTraceBatch(SOURCE, group.application(), group.labels(), chunk, receivedAt));
            }
        });
        return batches;
    }

    private static LlmTrace trace(TracePayload trace, Instant receivedAt) {
        List<LlmObservation> observations = trace.observations().stream().map(LangfuseTraces::observation).toList();
        List<LlmScore> scores = trace.scores().stream().map(score -> new LlmScore(score.name(), NumberOrBoolean.Validator.number(score.value()),
                score.observationId(), TEXT.apply(score.comment()))).toList();
        // Langfuse names most traces; one without a name is known by its application.
        String name = trace.name() != null ? trace.name() : trace.application();
        Instant timestamp = trace.timestamp() != null ? Rfc3339.Validator.instant(trace.timestamp()) : observations.stream()
                .map(LlmObservation::startTime).min(Comparator.naturalOrder()).orElse(receivedAt);
        return new LlmTrace(trace.id(), name, timestamp, trace.userId(), trace.sessionId(), observations, scores);
    }

    private static LlmObservation observation(TracePayload.Observation observation) {
        LlmObservationType type = ObservationTypes.of(observation.type()).orElseThrow();
        String name = observation.name() != null ? observation.name()
                : observation.model() != null ? observation.model() : type.name().toLowerCase(Locale.ROOT);
        TracePayload.Usage usage = observation.usageDetails() != null ? observation.usageDetails() : observation.usage();
        String level = observation.level() == null ? null : observation.level().strip().toUpperCase(Locale.ROOT);
        return new LlmObservation(observation.id(), type, name, Rfc3339.Validator.instant(observation.startTime()),
                Rfc3339.Validator.instant(observation.endTime()), observation.model(), usage == null ? null : count(usage.input()),
                usage == null ? null : count(usage.output()), cost(observation), level, TEXT.apply(observation.statusMessage()),
                output(observation.output()));
    }

    /** {@code costDetails.total}, else the sum of its parts, else {@code calculatedTotalCost}. */
    private static Double cost(TracePayload.Observation observation) {
        TracePayload.Cost details = observation.costDetails();
        if (details != null) {
            if (details.total() != null) {
                return details.total();
            }
            if (details.input() != null || details.output() != null) {
                return (details.input() == null ? 0 : details.input()) + (details.output() == null ? 0 : details.output());
            }
        }
        return observation.calculatedTotalCost();
    }

    private static Long count(BigDecimal count) {
        return count == null ? null : count.longValueExact();
    }

    /** Text as is; anything else as its JSON; cut to {@link #OUTPUT}. */
    private static String output(JsonNode output) {
        if (output == null || output.isNull()) {
            return null;
        }
        return OUTPUT.apply(output.isString() ? output.stringValue() : PayloadBinding.text(output));
    }

    private record Group(String application, String environment) {

        Map<String, String> labels() {
            return environment == null ? Map.of() : Map.of("environment", environment);
        }
    }
}
