package io.sentinel.detector.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LlmSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RuntimeSettings runtime = new RuntimeSettings();
    private final LlmSettings settings = new LlmSettings(Traces.defaults(), new RuntimeOverlay(runtime));

    @Test
    void eachRuntimeSettingReplacesOneConfiguredValue() {
        change("detector.llm.error-cascade.min-traces", "50");
        change("detector.llm.agent-loop.window", "\"PT30M\"");
        change("detector.llm.silent-tool-failure.error-patterns", "[\"oops\"]");
        change("detector.llm.tool-schemas", "{\"search_orders\": [\"results\"]}");

        LlmSetting effective = settings.current();
        assertThat(effective.errorCascade().minTraces()).isEqualTo(50);
        assertThat(effective.errorCascade().window()).as("untouched").isEqualTo(Duration.ofMinutes(5));
        assertThat(effective.agentLoop().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(effective.silentToolFailure().errorPatterns()).containsExactly("oops");
        assertThat(effective.toolSchemas()).isEqualTo(Map.of("search_orders", List.of("results")));
    }

    @Test
    void aSettingThatDoesNotFitIsIgnoredAndTheOthersStillApply() {
        change("detector.llm.error-cascade.min-rate", "1.5");
        change("detector.llm.error-cascade.no-such-thing", "1");
        change("detector.llm.agent-loop", "{\"window\": \"PT1M\"}");
        change("detector.llm.prompt-drift.learn-outputs", "\"many\"");
        change("detector.llm.prompt-drift.max-score-drop", "0.2");

        LlmSetting effective = settings.current();
        assertThat(effective.errorCascade()).isEqualTo(Traces.defaults().errorCascade());
        assertThat(effective.agentLoop()).as("a whole rule is not one setting").isEqualTo(Traces.defaults().agentLoop());
        assertThat(effective.promptDrift().learnOutputs()).isEqualTo(20);
        assertThat(effective.promptDrift().maxScoreDrop()).isEqualTo(0.2);
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> new LlmSetting.ErrorCascade(Duration.ofSeconds(5), 20, 3.0, 0.1, 0.5))
                .hasMessage("window must be between 10s and 6h, was PT5S");
        assertThatThrownBy(() -> new LlmSetting.AgentLoop(Duration.ofHours(2), 10, 5, 3, 0.5, Duration.ofMinutes(1),
                Duration.ofMinutes(30), 100, 1000))
                .hasMessage("critical-generations (5) must not be under warning-generations (10)");
        assertThatThrownBy(() -> new LlmSetting.SilentToolFailure(Duration.ofMinutes(10), 101, Duration.ofMinutes(10), List.of()))
                .hasMessageStartingWith("min-failures must be between 1 and 100");
        var defaults = Traces.defaults();
        assertThatThrownBy(() -> new LlmSetting(defaults.errorCascade(), defaults.promptDrift(), defaults.agentLoop(),
                defaults.silentToolFailure(), Map.of("get_weather", List.of())))
                .hasMessageStartingWith("tool-schemas.get_weather must list the output's required top-level keys");
    }

    private void change(String name, String json) {
        runtime.apply(new EventEnvelope<ConfigEvent>(EventIds.random(), "gateway", Instant.now(), TraceParent.root(),
                new SettingChanged(name, JSON.readTree(json), "test", Instant.now())));
    }
}
