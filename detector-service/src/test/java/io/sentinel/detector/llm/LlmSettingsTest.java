package io.sentinel.detector.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.runtime.settings.SettingValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LlmSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachRuntimeSettingReplacesOneConfiguredValue() {
        LlmProperties effective = LlmSettings.overridden(Traces.defaults(), Map.of(
                "error-cascade.min-traces", json("50"),
                "agent-loop.window", json("\"PT30M\""),
                "silent-tool-failure.error-patterns", json("[\"oops\"]"),
                "tool-schemas", json("{\"search_orders\": [\"results\"]}")), new SettingValues());

        assertThat(effective.errorCascade().minTraces()).isEqualTo(50);
        assertThat(effective.errorCascade().window()).as("untouched").isEqualTo(Duration.ofMinutes(5));
        assertThat(effective.agentLoop().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(effective.silentToolFailure().errorPatterns()).containsExactly("oops");
        assertThat(effective.toolSchemas()).isEqualTo(Map.of("search_orders", List.of("results")));
    }

    @Test
    void aSettingThatDoesNotFitIsIgnoredAndTheOthersStillApply() {
        LlmProperties effective = LlmSettings.overridden(Traces.defaults(), Map.of(
                "error-cascade.min-rate", json("1.5"),
                "error-cascade.no-such-thing", json("1"),
                "agent-loop", json("{\"window\": \"PT1M\"}"),
                "prompt-drift.learn-outputs", json("\"many\""),
                "prompt-drift.max-score-drop", json("0.2")), new SettingValues());

        assertThat(effective.errorCascade()).isEqualTo(Traces.defaults().errorCascade());
        assertThat(effective.agentLoop()).as("a whole rule is not one setting").isEqualTo(Traces.defaults().agentLoop());
        assertThat(effective.promptDrift().learnOutputs()).isEqualTo(20);
        assertThat(effective.promptDrift().maxScoreDrop()).isEqualTo(0.2);
    }

    @Test
    void invalidConfigurationNamesTheProperty() {
        assertThatThrownBy(() -> new LlmProperties.ErrorCascade(Duration.ofSeconds(5), 20, 3, 0.1, 0.5))
                .hasMessage("sentinel.detector.llm.error-cascade.window must be between 10s and 6h, was PT5S");
        assertThatThrownBy(() -> new LlmProperties.AgentLoop(Duration.ofHours(2), 10, 5, 3, 0.5, Duration.ofMinutes(1),
                Duration.ofMinutes(30), 100, 1000))
                .hasMessage("sentinel.detector.llm.agent-loop.critical-generations (5) must not be under warning-generations (10)");
        assertThatThrownBy(() -> new LlmProperties.SilentToolFailure(Duration.ofMinutes(10), 101, Duration.ofMinutes(10), List.of()))
                .hasMessageStartingWith("sentinel.detector.llm.silent-tool-failure.min-failures must be between 1 and 100");
        var defaults = Traces.defaults();
        assertThatThrownBy(() -> new LlmProperties(defaults.errorCascade(), defaults.promptDrift(), defaults.agentLoop(),
                defaults.silentToolFailure(), Map.of("get_weather", List.of())))
                .hasMessageStartingWith("sentinel.detector.llm.tool-schemas.get_weather must list the output's required top-level keys");
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
