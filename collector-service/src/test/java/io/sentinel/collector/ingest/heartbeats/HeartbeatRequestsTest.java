package io.sentinel.collector.ingest.heartbeats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.events.signal.HeartbeatReceived;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeartbeatRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final byte[] NONE = new byte[0];

    @Test
    void aHeartbeatWithItsScheduleAndLabels() {
        HeartbeatReceived heartbeat = HeartbeatRequests.parse("nightly-backup.db_1", "24h", "15m",
                "{\"job\":\"backup\",\"attempt\":1}".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(heartbeat).isEqualTo(new HeartbeatReceived("nightly-backup.db_1", Map.of("job", "backup", "attempt", "1"),
                Duration.ofHours(24), Duration.ofMinutes(15), NOW));
    }

    @Test
    void durationsMayBeIso8601AndScheduleAndLabelsAreOptional() {
        assertThat(HeartbeatRequests.parse("cron", "PT15M", "PT0S", " \n".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(new HeartbeatReceived("cron", Map.of(), Duration.ofMinutes(15), Duration.ZERO, NOW));
        assertThat(HeartbeatRequests.parse("cron", null, "", NONE, NOW)).isEqualTo(new HeartbeatReceived("cron", Map.of(), null, null, NOW));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("Nightly-Backup", "24h", null, "", "name", "path segment 'name' must be 1 to 128 lowercase letters, digits, dots, "
                        + "dashes and underscores, starting with a letter or digit, was 'Nightly-Backup'"),
                Arguments.of(".hidden", "24h", null, "", "name", "path segment 'name' must be 1 to 128 lowercase letters"),
                Arguments.of("backup", "daily", null, "", "every", "query parameter 'every' must be a duration like 15m, 24h, 7d or PT15M, was 'daily'"),
                Arguments.of("backup", "0s", null, "", "every", "query parameter 'every' must be a positive duration, was '0s'"),
                Arguments.of("backup", "24h", "-5m", "", "grace", "query parameter 'grace' must not be negative, was '-5m'"),
                Arguments.of("backup", null, null, "[\"a\"]", null, "the body must be a JSON object of labels (e.g. {\"job\": \"backup\"}) or empty, was an array"),
                Arguments.of("backup", null, null, "{\"job\":[1]}", "job", "field 'job' must be a string, number or boolean, was an array"),
                Arguments.of("backup", null, null, "{" + manyLabels(33) + "}", null, "the object has 33 entries; at most 32 are accepted"),
                Arguments.of("backup", "P1X", null, "", "every", "query parameter 'every' must be a duration like 15m, 24h, 7d or PT15M, was 'P1X'"),
                Arguments.of("backup", "99999999999999999999d", null, "", "every", "query parameter 'every' must be a duration like"),
                Arguments.of("backup", null, null, "job=backup", null, "not valid JSON: Unrecognized token 'job': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')"));
    }

    private static String manyLabels(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"l" + i + "\":\"v\"").collect(Collectors.joining(","));
    }

    @Test
    void durationsAreReadAsEverywhereElseInSentinel() {
        HeartbeatReceived heartbeat = HeartbeatRequests.parse("cron", "7d", "1500", NONE, NOW);

        assertThat(heartbeat.every()).isEqualTo(Duration.ofDays(7));
        assertThat(heartbeat.grace()).as("a bare number is milliseconds").isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest(name = "{5}")
    @MethodSource("invalid")
    void refusesWhatIsWrongNamingIt(String name, String every, String grace, String body, String field, String problem) {
        assertThatThrownBy(() -> HeartbeatRequests.parse(name, every, grace, body.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(InvalidPayload.class, invalid -> assertThat(invalid.fieldPath()).isEqualTo(field))
                .hasMessageStartingWith(problem);
    }
}
