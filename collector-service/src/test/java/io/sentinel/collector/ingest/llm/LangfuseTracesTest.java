package io.sentinel.collector.ingest.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.sentinel.collector.ingest.EncodedSize;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.events.EventCodec;
import io.sentinel.events.signal.LlmObservation;
import io.sentinel.events.signal.LlmObservationType;
import io.sentinel.events.signal.LlmScore;
import io.sentinel.events.signal.LlmTrace;
import io.sentinel.events.signal.LlmTraceBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LangfuseTracesTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T14:06:00Z");
    private static final EncodedSize SIZE = new EncodedSize(new EventCodec());
    private static final Instant START = Instant.parse("2026-11-23T14:05:30.100Z");

    /** A trace as the Langfuse SDKs export it: a generation calling a tool, with newer and older field spellings. */
    private static final String SUPPORT_BOT = """
            {"application": "support-bot", "environment": "production",
             "id": "trace-1", "name": "answer-ticket", "timestamp": "2026-11-23T14:05:30Z", "userId": "u-42", "sessionId": "s-7",
             "metadata": {"ticket": 1234, "tags": ["billing"]},
             "observations": [
               {"id": "obs-1", "type": "GENERATION", "name": "draft", "startTime": "2026-11-23T14:05:30.100Z",
                "endTime": "2026-11-23T14:05:32.600Z", "model": "gpt-4o", "usageDetails": {"input": 812, "output": 96},
                "costDetails": {"input": 0.002, "output": 0.001}, "level": "DEFAULT", "output": {"role": "assistant", "content": "Refund issued"}},
               {"id": "obs-2", "type": "TOOL", "name": "refund", "startTime": "2026-11-23T14:05:31Z", "level": "ERROR",
                "statusMessage": "payment provider timed out", "output": "timeout"},
               {"id": "obs-3", "type": "RETRIEVER", "startTime": "2026-11-23T14:05:30Z"},
               {"id": "obs-4", "type": "generation", "startTime": "2026-11-23T14:05:33Z", "model": "gpt-4o-mini",
                "usage": {"promptTokens": 100, "completionTokens": 20.0}, "calculatedTotalCost": 0.0001, "level": "warning"}],
             "scores": [{"name": "helpfulness", "value": 0.8, "observationId": "obs-1", "comment": "good"},
                        {"name": "resolved", "value": false}]}
            """;

    @Test
    void mapsALangfuseTraceWithItsObservationsAndScores() {
        List<LlmTraceBatch> batches = parse(SUPPORT_BOT);

        assertThat(batches).singleElement().satisfies(batch -> {
            assertThat(batch.source()).isEqualTo("ingest");
            assertThat(batch.resource()).isEqualTo("support-bot");
            assertThat(batch.labels()).isEqualTo(Map.of("environment", "production"));
            assertThat(batch.receivedAt()).isEqualTo(RECEIVED);
        });
        LlmTrace trace = batches.getFirst().traces().getFirst();
        assertThat(trace.traceId()).isEqualTo("trace-1");
        assertThat(trace.name()).isEqualTo("answer-ticket");
        assertThat(trace.timestamp()).isEqualTo(Instant.parse("2026-11-23T14:05:30Z"));
        assertThat(trace.userId()).isEqualTo("u-42");
        assertThat(trace.sessionId()).isEqualTo("s-7");
        assertThat(trace.observations()).containsExactly(
                new LlmObservation("obs-1", LlmObservationType.GENERATION, "draft", START, Instant.parse("2026-11-23T14:05:32.600Z"), "gpt-4o",
                        812L, 96L, 0.003, "DEFAULT", null, "{\"role\":\"assistant\",\"content\":\"Refund issued\"}"),
                new LlmObservation("obs-2", LlmObservationType.TOOL, "refund", Instant.parse("2026-11-23T14:05:31Z"), null, null, null, null, null,
                        "ERROR", "payment provider timed out", "timeout"),
                new LlmObservation("obs-3", LlmObservationType.SPAN, "span", Instant.parse("2026-11-23T14:05:30Z"), null, null, null, null, null,
                        null, null, null),
                new LlmObservation("obs-4", LlmObservationType.GENERATION, "gpt-4o-mini", Instant.parse("2026-11-23T14:05:33Z"), null, "gpt-4o-mini",
                        100L, 20L, 0.0001, "WARNING", null, null));
        assertThat(trace.scores()).containsExactly(new LlmScore("helpfulness", 0.8, "obs-1", "good"), new LlmScore("resolved", 0, null, null));
        assertThat(trace.costUsd()).isCloseTo(0.0031, within(1e-12));
        assertThat(trace.toolCalls()).singleElement().satisfies(tool -> assertThat(tool.failed()).isTrue());
    }

    @Test
    void tracesOfSeveralApplicationsAndEnvironmentsAreBatchedApart() {
        String body = "[" + minimal("t1", "bot", "\"environment\":\"staging\",") + "," + minimal("t2", "bot", "") + ","
                + minimal("t3", "bot", "\"environment\":\"staging\",") + "," + minimal("t4", "search", "") + "]";

        List<LlmTraceBatch> batches = parse(body);

        assertThat(batches).extracting(LlmTraceBatch::resource, LlmTraceBatch::labels).containsExactly(
                tuple("bot", Map.of("environment", "staging")),
                tuple("bot", Map.of()),
                tuple("search", Map.of()));
        assertThat(batches.getFirst().traces()).extracting(LlmTrace::traceId).containsExactly("t1", "t3");
    }

    @Test
    void aTraceWithoutNameOrTimestampIsKnownByItsApplicationAndItsFirstStep() {
        String body = "{\"application\":\"bot\",\"id\":\"t1\",\"observations\":[{\"id\":\"o2\",\"type\":\"SPAN\",\"startTime\":\"2026-11-23T14:05:31Z\"},"
                + "{\"id\":\"o1\",\"type\":\"SPAN\",\"startTime\":\"2026-11-23T14:05:30Z\"}]}";

        LlmTrace trace = parse(body).getFirst().traces().getFirst();

        assertThat(trace.name()).isEqualTo("bot");
        assertThat(trace.timestamp()).isEqualTo(Instant.parse("2026-11-23T14:05:30Z"));
        assertThat(parse(minimal("t2", "bot", "")).getFirst().traces().getFirst().timestamp()).as("no steps either").isEqualTo(RECEIVED);
    }

    @Test
    void aLongOutputIsCutToFourKibibytes() {
        String body = "{\"application\":\"bot\",\"id\":\"t1\",\"observations\":[{\"id\":\"o1\",\"type\":\"GENERATION\",\"startTime\":\"2026-11-23T14:05:30Z\","
                + "\"output\":\"" + "ü".repeat(5000) + "\"}]}";

        String output = parse(body).getFirst().traces().getFirst().observations().getFirst().output();

        assertThat(output.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(4000);
        assertThat(output).startsWith("üüü").endsWith(" …[truncated]");
    }

    static Stream<Arguments> invalid() {
        String obs = "{\"id\":\"o1\",\"type\":\"GENERATION\",\"startTime\":\"2026-11-23T14:05:30Z\"}";
        return Stream.of(
                Arguments.of("{\"id\":\"t1\"}", "application", "field 'application' is required"),
                Arguments.of("{\"application\":\"bot\"}", "id", "field 'id' is required"),
                Arguments.of("[{\"application\":\"bot\",\"id\":\"t1\"},{\"application\":\"bot\"}]", "[1].id", "field '[1].id' is required"),
                Arguments.of(trace(obs.replace("GENERATION", "THOUGHT")), "observations[0].type",
                        "field 'observations[0].type' must be one of GENERATION, TOOL, SPAN, AGENT, CHAIN, EVENT, RETRIEVER, EVALUATOR, EMBEDDING, "
                                + "GUARDRAIL, was 'THOUGHT'"),
                Arguments.of(trace(obs.replace(",\"startTime\":\"2026-11-23T14:05:30Z\"", "")), "observations[0].startTime",
                        "field 'observations[0].startTime' is required"),
                Arguments.of(trace(obs.replace("}", ",\"endTime\":\"2026-11-23T14:05:29Z\"}")), "observations[0].endTime",
                        "field 'observations[0].endTime' must not be before startTime (2026-11-23T14:05:30Z), was 2026-11-23T14:05:29Z"),
                Arguments.of(trace(obs.replace("}", ",\"usage\":{\"input\":12.5}}")), "observations[0].usage.input",
                        "field 'observations[0].usage.input' must be a whole number not below 0, was 12.5"),
                Arguments.of(trace(obs.replace("}", ",\"usageDetails\":{\"output\":-1}}")), "observations[0].usageDetails.output",
                        "field 'observations[0].usageDetails.output' must be a whole number not below 0, was -1"),
                Arguments.of(trace(obs.replace("}", ",\"costDetails\":{\"total\":\"0.1\"}}")), "observations[0].costDetails.total",
                        "field 'observations[0].costDetails.total' must be a number, was '0.1'"),
                Arguments.of(trace(obs.replace("}", ",\"level\":\"FATAL\"}")), "observations[0].level",
                        "field 'observations[0].level' must be one of DEBUG, DEFAULT, WARNING, ERROR, was 'FATAL'"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"observations\":{}}", "observations", "field 'observations' must be an array, was an object"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"scores\":[{\"name\":\"tone\",\"value\":\"friendly\"}]}", "scores[0].value",
                        "field 'scores[0].value' must be a number or a boolean (categorical scores are not carried), was 'friendly'"),
                Arguments.of("[]", null, "no traces: send one trace object or an array of them"),
                // Hostile and odd shapes: a field is named as the client spelt it, a number in a string is not a number.
                Arguments.of(trace(obs.replace("}", ",\"usage\":{\"promptTokens\":-3}}")), "observations[0].usage.promptTokens",
                        "field 'observations[0].usage.promptTokens' must be a whole number not below 0, was -3"),
                Arguments.of(trace(obs.replace("}", ",\"usage\":{\"input\":\"12\"}}")), "observations[0].usage.input",
                        "field 'observations[0].usage.input' must be a whole number not below 0, was '12'"),
                Arguments.of(trace(obs.replace("}", ",\"usage\":{\"output\":1e400}}")), "observations[0].usage.output",
                        "field 'observations[0].usage.output' must be a whole number not below 0, was 1E+400"),
                Arguments.of(trace(obs.replace("}", ",\"calculatedTotalCost\":1e400}")), "observations[0].calculatedTotalCost",
                        "field 'observations[0].calculatedTotalCost' must be a number, was 1E+400"),
                Arguments.of(trace(obs.replace("}", ",\"costDetails\":{\"input\":-0.5}}")), "observations[0].costDetails.input",
                        "field 'observations[0].costDetails.input' must not be negative, was -0.5"),
                Arguments.of(trace(obs.replace("\"o1\"", "42")), "observations[0].id", "field 'observations[0].id' must be a string, was 42"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"observations\":[null]}", "observations[0]",
                        "field 'observations[0]' must be a JSON object, was null"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"observations\":[\"o1\"]}", "observations[0]",
                        "field 'observations[0]' must be a JSON object, was 'o1'"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"scores\":[{\"name\":\"tone\",\"value\":null}]}", "scores[0].value",
                        "field 'scores[0].value' is required"),
                Arguments.of("{\"application\":\"bot\",\"id\":\"t1\",\"timestamp\":\"\"}", "timestamp", "field 'timestamp' must not be blank"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void refusesABadTraceNamingTheField(String body, String field, String problem) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidPayload.class, invalid -> assertThat(invalid.fieldPath()).isEqualTo(field))
                .hasMessage(problem);
    }

    @Test
    void unknownFieldsAreIgnoredAndWholeCountsMayBeWrittenAsDecimals() {
        String body = "{\"application\":\"bot\",\"id\":\"t1\",\"release\":{\"v\":2},\"observations\":[{\"id\":\"o1\",\"type\":\"GENERATION\","
                + "\"startTime\":\"2026-11-23T14:05:30Z\",\"usage\":{\"input\":12.0,\"output\":3,\"total\":15,\"unit\":\"TOKENS\"},\"extra\":[1]}]}";

        LlmObservation observation = parse(body).getFirst().traces().getFirst().observations().getFirst();

        assertThat(observation.inputTokens()).isEqualTo(12L);
        assertThat(observation.outputTokens()).isEqualTo(3L);
    }

    @Test
    void moreTracesThanTheLimitAreTooLarge() {
        assertThatThrownBy(() -> LangfuseTraces.parse(("[" + minimal("a", "bot", "") + "," + minimal("b", "bot", "") + "]")
                .getBytes(StandardCharsets.UTF_8), RECEIVED, 1, SIZE::of))
                .isInstanceOf(PayloadTooLarge.class)
                .hasMessage("2 traces in one request; at most 1 are accepted (sentinel.collector.ingest.max-items): split it");
    }

    @Test
    void aTraceTooLargeForOneEventIsTooLargeNamingIt() {
        StringBuilder observations = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            observations.append(i == 0 ? "" : ",").append("{\"id\":\"o").append(i)
                    .append("\",\"type\":\"SPAN\",\"startTime\":\"2026-11-23T14:05:30Z\",\"output\":\"").append("y".repeat(4000)).append("\"}");
        }
        String body = "{\"application\":\"bot\",\"id\":\"huge\",\"observations\":[" + observations + "]}";

        assertThatThrownBy(() -> parse(body)).isInstanceOf(PayloadTooLarge.class).hasMessageStartingWith("trace 'huge' is ")
                .hasMessageEndingWith(" bytes as an event; at most 524288 fit one: send less of it");
    }

    private static String minimal(String id, String application, String extra) {
        return "{" + extra + "\"application\":\"" + application + "\",\"id\":\"" + id + "\"}";
    }

    private static String trace(String observation) {
        return "{\"application\":\"bot\",\"id\":\"t1\",\"observations\":[" + observation + "]}";
    }

    private static List<LlmTraceBatch> parse(String body) {
        return LangfuseTraces.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED, 5000, SIZE::of);
    }
}
