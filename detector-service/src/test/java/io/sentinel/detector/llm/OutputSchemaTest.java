package io.sentinel.detector.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.rule.Level;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputSchemaTest {

    private static final OutputSchema TICKETS = learned(
            "{\"category\": \"billing\", \"priority\": 2, \"reply\": \"We refunded you.\", \"tags\": [\"refund\"]}",
            "{\"category\": \"shipping\", \"priority\": 1, \"reply\": null, \"tags\": []}",
            "```json\n{\"category\": \"account\", \"priority\": 3, \"reply\": \"Reset link sent.\", \"tags\": [], \"lang\": \"de\"}\n```",
            "Sorry, I cannot help with that.");

    @Test
    void learnsTheKeysEveryJsonOutputHadAndTheirTypes() {
        assertThat(TICKETS.learned()).as("the plain-text answer teaches nothing").isEqualTo(3);
        assertThat(TICKETS.keys()).isEqualTo(Map.of(
                "category", Set.of("string"),
                "priority", Set.of("number"),
                "reply", Set.of("string", "null"),
                "tags", Set.of("array")));
    }

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("matches", "{\"category\": \"billing\", \"priority\": 1, \"reply\": \"ok\", \"tags\": []}", null),
                Arguments.of("a key learned as sometimes null may be null",
                        "{\"category\": \"billing\", \"priority\": 1, \"reply\": null, \"tags\": []}", null),
                Arguments.of("a new key is no drift",
                        "{\"category\": \"b\", \"priority\": 1, \"reply\": \"x\", \"tags\": [], \"score\": 0.9}",
                        null),
                Arguments.of("in a code fence",
                        "```json\n{\"category\": \"b\", \"priority\": 1.5, \"reply\": \"x\", \"tags\": []}\n```", null),
                Arguments.of("not JSON", "The ticket is about billing.", "not JSON"),
                Arguments.of("JSON, not an object", "[\"billing\", 2]", "not a JSON object but array"),
                Arguments.of("a key missing", "{\"category\": \"billing\", \"reply\": \"ok\", \"tags\": []}", "missing 'priority'"),
                Arguments.of("a key of another type", "{\"category\": \"billing\", \"priority\": \"high\", \"reply\": \"ok\", \"tags\": []}",
                        "'priority' is string, was number"),
                Arguments.of("truncated JSON", "{\"category\": \"billing\", \"priority\": 1, \"reply\": \"We refun", "not JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void judgesAnOutputAgainstTheSnapshot(String scenario, String output, String violation) {
        if (violation == null) {
            assertThat(TICKETS.violation(output)).isEmpty();
        } else {
            assertThat(TICKETS.violation(output)).contains(violation);
        }
    }

    @Test
    void recentOutcomesKeepTheLatestAndJudgeOnlyAFullWindow() {
        RecentOutcomes outcomes = RecentOutcomes.NONE;
        for (int i = 0; i < 19; i++) {
            outcomes = outcomes.with(i % 5 != 0, 20);
        }
        assertThat(outcomes.level(20, 0.15)).as("19 outcomes: not a full window").isEmpty();
        outcomes = outcomes.with(true, 20);
        assertThat(outcomes.violations(20)).isEqualTo(4);
        assertThat(outcomes.level(20, 0.15)).contains(Level.BREACHED);
        outcomes = outcomes.with(true, 20);
        assertThat(outcomes.outcomes()).hasSize(20);
        assertThat(outcomes.violations(20)).as("the oldest violation dropped out").isEqualTo(3);
        assertThat(outcomes.level(20, 0.15)).as("3 of 20 is 15%, not more").contains(Level.CLEAR);
    }

    @Test
    void learnsAtMostAFewHundredKeys() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            wide.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": ").append(i);
        }
        assertThat(learned(wide.append("}").toString()).keys()).hasSize(OutputSchema.MAX_KEYS);
    }

    private static OutputSchema learned(String... outputs) {
        OutputSchema schema = OutputSchema.NONE;
        for (String output : outputs) {
            var json = OutputText.json(output);
            if (json.isPresent()) {
                schema = schema.learn(json.get());
            }
        }
        return schema;
    }
}
