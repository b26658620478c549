package io.sentinel.collector.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.collector.ingest.EncodedSize;
import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.events.EventCodec;
import io.sentinel.events.signal.LogBatch;
import io.sentinel.events.signal.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogPayloadsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T14:05:40Z");
    private static final EncodedSize SIZE = new EncodedSize(new EventCodec());
    private static final String GOOD = "{\"service\":\"checkout\",\"level\":\"info\",\"message\":\"ok\"}";

    @Test
    void readsNdjsonIntoOneBatchPerServiceInOrder() {
        String body = """
                {"service":"checkout","level":"error","message":"payment failed","stackTrace":"java.lang.IllegalStateException: declined\\n\\tat Pay.run(Pay.java:12)","timestamp":"2026-11-23T14:05:35.86Z","attributes":{"orderId":"A-17","attempt":2,"retry":true}}
                {"service":"search","level":"warning","message":"slow query"}

                {"service":"checkout","level":"Critical","message":"out of connections","timestamp":"2026-11-23T15:05:35+01:00"}
                """;

        List<LogBatch> batches = ndjson(body);

        assertThat(batches).extracting(LogBatch::resource).containsExactly("checkout", "search");
        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch.source()).isEqualTo("ingest");
            assertThat(batch.receivedAt()).isEqualTo(RECEIVED);
        });
        assertThat(batches.getFirst().entries()).containsExactly(
                new LogEntry("ERROR", "payment failed", "java.lang.IllegalStateException: declined\n\tat Pay.run(Pay.java:12)",
                        Instant.parse("2026-11-23T14:05:35.860Z"), Map.of("orderId", "A-17", "attempt", "2", "retry", "true")),
                new LogEntry("FATAL", "out of connections", null, Instant.parse("2026-11-23T14:05:35Z"), Map.of()));
        assertThat(batches.get(1).entries()).containsExactly(new LogEntry("WARN", "slow query", null, RECEIVED, Map.of()));
    }

    @Test
    void readsAJsonArrayOrASingleObject() {
        List<LogBatch> array = LogPayloads.fromJson(bytes("[" + GOOD + "," + GOOD.replace("ok", "still ok") + "]"), RECEIVED, 10, SIZE::of);
        List<LogBatch> single = LogPayloads.fromJson(bytes(GOOD), RECEIVED, 10, SIZE::of);

        assertThat(array).singleElement().satisfies(batch -> assertThat(batch.entries()).extracting(LogEntry::message).containsExactly("ok", "still ok"));
        assertThat(single).singleElement().satisfies(batch -> assertThat(batch.entries()).extracting(LogEntry::level).containsExactly("INFO"));
    }

    @Test
    void acceptsCarriageReturnLineEndsAndNoFinalNewline() {
        assertThat(ndjson(GOOD + "\r\n" + GOOD)).singleElement().satisfies(batch -> assertThat(batch.entries()).hasSize(2));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("{\"level\":\"info\",\"message\":\"m\"}", 2, "service", "line 2: field 'service' is required"),
                Arguments.of("{\"service\":\"  \",\"level\":\"info\",\"message\":\"m\"}", 2, "service", "line 2: field 'service' must not be blank"),
                Arguments.of("{\"service\":42,\"level\":\"info\",\"message\":\"m\"}", 2, "service", "line 2: field 'service' must be a string, was 42"),
                Arguments.of("{\"service\":\"a\",\"message\":\"m\"}", 2, "level", "line 2: field 'level' is required"),
                Arguments.of("{\"service\":\"a\",\"level\":\"LOUD\",\"message\":\"m\"}", 2, "level",
                        "line 2: field 'level' must be one of TRACE, DEBUG, INFO, WARN (or WARNING), ERROR, FATAL (or CRITICAL), was 'LOUD'"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\"}", 2, "message", "line 2: field 'message' is required"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":[\"m\"]}", 2, "message", "line 2: field 'message' must be a string, was an array"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"timestamp\":\"yesterday\"}", 2, "timestamp",
                        "line 2: field 'timestamp' must be an RFC 3339 date-time with an offset (e.g. 2026-11-23T14:05:35Z), was 'yesterday'"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"timestamp\":\"2026-11-23T14:05:35\"}", 2, "timestamp",
                        "line 2: field 'timestamp' must be an RFC 3339 date-time with an offset (e.g. 2026-11-23T14:05:35Z), was '2026-11-23T14:05:35'"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"attributes\":\"k=v\"}", 2, "attributes",
                        "line 2: field 'attributes' must be a JSON object, was 'k=v'"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"attributes\":{\"user\":{\"id\":1}}}", 2, "attributes.user",
                        "line 2: field 'attributes.user' must be a string, number or boolean, was an object"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"stackTrace\":false}", 2, "stackTrace",
                        "line 2: field 'stackTrace' must be a string, was false"),
                Arguments.of("[\"service\"]", 2, null, "line 2: expected a JSON object, was an array"),
                Arguments.of("{\"service\":\"a\",\"service\":\"b\",\"level\":\"info\",\"message\":\"m\"}", 2, null,
                        "line 2: not valid JSON: Duplicate Object property \"service\""),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\"} {\"x\":1}", 2, null,
                        "line 2: not valid JSON: Trailing token (`JsonToken.START_OBJECT`) found after value (bound as `tools.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"attributes\":{\" \":\"x\"}}", 2, "attributes",
                        "line 2: field 'attributes' has an entry with a blank name"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"attributes\":{" + manyAttributes(65) + "}}", 2,
                        "attributes", "line 2: field 'attributes' has 65 entries; at most 64 are accepted"),
                Arguments.of("{\"service\":\"a\\u0000b\",\"level\":\"info\",\"message\":\"m\"}", 2, "service",
                        "line 2: field 'service' must be at most 253 characters without control characters"),
                Arguments.of("{\"service\":\"a\",\"level\":true,\"message\":\"m\"}", 2, "level", "line 2: field 'level' must be a string, was true"),
                Arguments.of("{\"service\":\"a\",\"level\":\"info\",\"message\":\"m\",\"timestamp\":1700000000}", 2, "timestamp",
                        "line 2: field 'timestamp' must be a string, was 1700000000"),
                Arguments.of("service=a level=info message=m", 2, null,
                        "line 2: not valid JSON: Unrecognized token 'service': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
    }

    private static String manyAttributes(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badLines")
    void aBadLineIsRefusedNamingTheLineAndTheField(String line, int number, String field, String problem) {
        assertThatThrownBy(() -> ndjson(GOOD + "\n" + line + "\n" + GOOD))
                .isInstanceOfSatisfying(InvalidPayload.class, invalid -> {
                    assertThat(invalid.line()).isEqualTo(number);
                    assertThat(invalid.fieldPath()).isEqualTo(field);
                })
                .hasMessage(problem);
    }

    @Test
    void aBadEntryOfAnArrayIsNamedByItsIndex() {
        assertThatThrownBy(() -> LogPayloads.fromJson(bytes("[" + GOOD + ",{\"service\":\"a\",\"level\":\"info\"}]"), RECEIVED, 10, SIZE::of))
                .isInstanceOfSatisfying(InvalidPayload.class, invalid -> assertThat(invalid.line()).isNull())
                .hasMessage("field '[1].message' is required");
    }

    @Test
    void nothingToIngestIsABadRequest() {
        assertThatThrownBy(() -> ndjson("\n  \n")).isInstanceOf(InvalidPayload.class)
                .hasMessage("no log entries: send one JSON object per line (application/x-ndjson) or a JSON array");
    }

    @Test
    void moreLinesThanTheLimitAreTooLarge() {
        String body = IntStream.range(0, 4).mapToObj(i -> GOOD).collect(Collectors.joining("\n"));

        assertThat(LogPayloads.fromNdjson(bytes(body), RECEIVED, 4, SIZE::of)).singleElement();
        assertThatThrownBy(() -> LogPayloads.fromNdjson(bytes(body + "\n" + GOOD), RECEIVED, 4, SIZE::of)).isInstanceOf(PayloadTooLarge.class)
                .hasMessage("more than 4 log entries in one request (sentinel.collector.ingest.max-items); split it");
        assertThatThrownBy(() -> LogPayloads.fromJson(bytes("[" + GOOD + "," + GOOD + "]"), RECEIVED, 1, SIZE::of))
                .isInstanceOf(PayloadTooLarge.class)
                .hasMessage("2 log entries in one request; at most 1 are accepted (sentinel.collector.ingest.max-items): split it");
    }

    @Test
    void aLongStackTraceIsCutAndMarkedNotDropped() {
        String trace = "x".repeat(100_000);
        String line = "{\"service\":\"a\",\"level\":\"error\",\"message\":\"boom\",\"stackTrace\":\"" + trace + "\"}";

        LogEntry entry = ndjson(line).getFirst().entries().getFirst();

        assertThat(entry.stackTrace()).hasSizeLessThanOrEqualTo(64 * 1024).startsWith("xxxx").endsWith(" …[truncated]");
        assertThat(entry.stackTrace().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void manyEntriesOfOneServiceAreSplitOverEventsThatFitKafka() {
        String message = "m".repeat(10_000);
        String body = IntStream.range(0, 120)
                .mapToObj(i -> "{\"service\":\"chatty\",\"level\":\"info\",\"message\":\"" + message + "\"}").collect(Collectors.joining("\n"));

        List<LogBatch> batches = LogPayloads.fromNdjson(bytes(body), RECEIVED, 5000, SIZE::of);

        assertThat(batches).hasSizeGreaterThan(1).allSatisfy(batch -> {
            assertThat(batch.resource()).isEqualTo("chatty");
            assertThat(new EventCodec().encode(batch).length).isLessThan(1024 * 1024);
        });
        assertThat(batches.stream().mapToInt(batch -> batch.entries().size()).sum()).isEqualTo(120);
    }

    private static List<LogBatch> ndjson(String body) {
        return LogPayloads.fromNdjson(bytes(body), RECEIVED, 5000, SIZE::of);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
