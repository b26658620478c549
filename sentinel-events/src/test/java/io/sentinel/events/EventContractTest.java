package io.sentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Pins the JSON form of every event type to a golden file. A change that alters the wire form fails
 * here; if it is a compatible change (an added optional field), regenerate with
 * {@code -Dsentinel.golden.update=true} and review the diff; otherwise it needs a new topic version.
 */
class EventContractTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("sentinel.golden.update");

    private final EventCodec codec = new EventCodec();
    private final Map<Class<? extends SentinelEvent>, SentinelEvent> samples = EventSamples.all();

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @TestFactory
    Stream<DynamicTest> jsonFormOfEveryEventTypeMatchesItsGoldenFile() {
        return EventTypes.all().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            SentinelEvent sample = samples.get(type);
            byte[] encoded = codec.encode(sample);
            Path golden = GOLDEN.resolve(type.getSimpleName() + ".json");
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, pretty(encoded) + "\n");
            }
            if (!Files.exists(golden)) {
                fail("no golden file " + golden + "; run with -Dsentinel.golden.update=true and review it");
            }
            JsonNode expected = codec.mapper().readTree(Files.readString(golden));
            assertThat(codec.mapper().readTree(encoded)).isEqualTo(expected);
            assertThat(expected.get("type").asString()).isEqualTo(type.getSimpleName());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFileDecodesToItsSample() {
        return EventTypes.all().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            byte[] golden = Files.readAllBytes(GOLDEN.resolve(type.getSimpleName() + ".json"));
            Topic topic = Topic.of(samples.get(type));
            assertThat(codec.decode(golden, topic.family())).isEqualTo(samples.get(type));
        }));
    }

    private String pretty(byte[] json) throws IOException {
        return codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(codec.mapper().readTree(json));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
