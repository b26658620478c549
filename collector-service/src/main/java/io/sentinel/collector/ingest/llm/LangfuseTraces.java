package io.sentinel.collector.ingest.llm;

import io.sentinel.collector.ingest.EventChunks;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadJson;
import io.sentinel.collector.ingest.PayloadObject;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.collector.ingest.TextLimit;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
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
 * Langfuse's aliases are read too: {@code usageDetails}, {@code promptTokens}/{@code completionTokens},
 * {@code calculatedTotalCost}. {@code metadata} is accepted but not carried: the trace event has no
 * place for it. Traces are grouped into {@link LlmTraceBatch}es per application and environment. Pure.
 */
public final class LangfuseTraces {

    public static final String SOURCE = "ingest";
    /** An output, converted to text, is cut to this: enough to see what went wrong, not a transcript. */
    static final TextLimit OUTPUT = new TextLimit(4096);
    static final TextLimit TEXT = new TextLimit(4096);
    private static final Set<String> LEVELS = Set.of("DEBUG", "DEFAULT", "WARNING", "ERROR");

    private LangfuseTraces() {
    }

    /** @param traceSize a trace's size as it will be encoded, to split batches */
    public static List<LlmTraceBatch> parse(byte[] body, Instant receivedAt, int maxItems, ToIntFunction<LlmTrace> traceSize) {
        JsonNode root = PayloadJson.read(body);
        List<PayloadObject> objects = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > maxItems) {
                throw new PayloadTooLarge(root.size() + " traces in one request; at most " + maxItems
                        + " are accepted (sentinel.collector.ingest.max-items): split it");
            }
            for (int i = 0; i < root.size(); i++) {
                objects.add(PayloadObject.of(root.get(i), null, "[" + i + "]"));
            }
        } else {
            objects.add(PayloadObject.of(root, null, ""));
        }
        if (objects.isEmpty()) {
            throw InvalidPayload.whole(null, "no traces: send one trace object or an array of them");
        }
        Map<Group, List<LlmTrace>> groups = new LinkedHashMap<>();
        for (PayloadObject object : objects) {
            var group = new Group(object.requiredText("application"), object.text("environment").orElse(null));
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(trace(object, group, receivedAt));
        }
        List<LlmTraceBatch> batches = new ArrayList<>();
        groups.forEach((group, traces) -> {
            for (List<LlmTrace> chunk : EventChunks.split(traces, traceSize, trace -> "trace '" + trace.traceId() + "'")) {
                batches.add(new LlmTraceBatch(SOURCE, group.application(), group.labels(), chunk, receivedAt));
            }
        });
        return batches;
    }

    private static LlmTrace trace(PayloadObject trace, Group group, Instant receivedAt) {
        String id = trace.requiredText("id");
        List<LlmObservation> observations = new ArrayList<>();
        for (PayloadObject observation : trace.objects("observations")) {
            observations.add(observation(observation));
        }
        List<LlmScore> scores = new ArrayList<>();
        for (PayloadObject score : trace.objects("scores")) {
            scores.add(score(score));
        }
        // Langfuse names most traces; one without a name is known by its application.
        String name = trace.text("name").orElse(group.application());
        Instant timestamp = trace.instant("timestamp").orElseGet(() -> observations.stream()
                .map(LlmObservation::startTime).min(Comparator.naturalOrder()).orElse(receivedAt));
        return new LlmTrace(id, name, timestamp, trace.text("userId").orElse(null), trace.text("sessionId").orElse(null), observations, scores);
    }

    private static LlmObservation observation(PayloadObject observation) {
        String id = observation.requiredText("id");
        String givenType = observation.requiredText("type");
        LlmObservationType type = ObservationTypes.of(givenType)
                .orElseThrow(() -> observation.invalid("type", "must be one of " + ObservationTypes.ACCEPTED + ", was '" + givenType + "'"));
        Instant start = observation.instant("startTime").orElseThrow(() -> observation.invalid("startTime", "is required"));
        Instant end = observation.instant("endTime").orElse(null);
        if (end != null && end.isBefore(start)) {
            throw observation.invalid("endTime", "must not be before startTime (" + start + "), was " + end);
        }
        Optional<String> model = observation.text("model");
        String name = observation.text("name").orElse(model.orElse(type.name().toLowerCase(Locale.ROOT)));
        Usage usage = usage(observation);
        Double cost = cost(observation);
        String level = observation.text("level").map(given -> {
            String upper = given.strip().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(upper)) {
                throw observation.invalid("level", "must be one of DEBUG, DEFAULT, WARNING, ERROR, was '" + given + "'");
            }
            return upper;
        }).orElse(null);
        return new LlmObservation(id, type, name, start, end, model.orElse(null), usage.input(), usage.output(), cost, level,
                TEXT.apply(observation.text("statusMessage").orElse(null)), output(observation.raw("output")));
    }

    /** {@code usageDetails{input,output}}, else {@code usage{input,output}} or {@code usage{promptTokens,completionTokens}}. */
    private static Usage usage(PayloadObject observation) {
        Optional<PayloadObject> details = observation.object("usageDetails");
        if (details.isPresent()) {
            return new Usage(boxed(details.get().count("input")), boxed(details.get().count("output")));
        }
        return observation.object("usage").map(usage -> new Usage(
                        boxed(usage.has("input") ? usage.count("input") : usage.count("promptTokens")),
                        boxed(usage.has("output") ? usage.count("output") : usage.count("completionTokens"))))
                .orElse(new Usage(null, null));
    }

    /** {@code costDetails.total}, else the sum of its parts, else {@code calculatedTotalCost}. */
    private static Double cost(PayloadObject observation) {
        Optional<PayloadObject> details = observation.object("costDetails");
        if (details.isPresent()) {
            OptionalDouble total = details.get().number("total");
            if (total.isPresent()) {
                return nonNegative(observation, "costDetails.total", total.getAsDouble());
            }
            double sum = 0;
            boolean any = false;
            for (String part : List.of("input", "output")) {
                OptionalDouble value = details.get().number(part);
                if (value.isPresent()) {
                    sum += nonNegative(observation, "costDetails." + part, value.getAsDouble());
                    any = true;
                }
            }
            if (any) {
                return sum;
            }
        }
        OptionalDouble calculated = observation.number("calculatedTotalCost");
        return calculated.isPresent() ? nonNegative(observation, "calculatedTotalCost", calculated.getAsDouble()) : null;
    }

    private static double nonNegative(PayloadObject observation, String field, double cost) {
        if (cost < 0) {
            throw observation.invalid(field, "must not be negative, was " + cost);
        }
        return cost;
    }

    /** Text as is; anything else as its JSON; cut to {@link #OUTPUT}. */
    private static String output(JsonNode output) {
        if (output == null) {
            return null;
        }
        return OUTPUT.apply(output.isString() ? output.stringValue() : PayloadJson.text(output));
    }

    private static LlmScore score(PayloadObject score) {
        String name = score.requiredText("name");
        JsonNode value = score.raw("value");
        double number;
        if (value == null) {
            throw score.invalid("value", "is required");
        } else if (value.isBoolean()) {
            number = value.booleanValue() ? 1 : 0;
        } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            number = value.doubleValue();
        } else {
            throw score.invalid("value", "must be a number or a boolean (categorical scores are not carried), was "
                    + PayloadObject.describe(value));
        }
        return new LlmScore(name, number, score.text("observationId").orElse(null), TEXT.apply(score.text("comment").orElse(null)));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private record Usage(Long input, Long output) {
    }

    private record Group(String application, String environment) {

        Map<String, String> labels() {
            return environment == null ? Map.of() : Map.of("environment", environment);
        }
    }
}
