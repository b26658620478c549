package io.sentinel.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.EventIds;
import io.sentinel.events.TraceParent;
import io.sentinel.events.config.ConfigEvent;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.settings.detector.SilenceSetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The one overlay of runtime settings on configuration, family by family, with values that do not fit. */
class RuntimeOverlayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant END = Instant.parse("2026-11-23T13:00:00Z");

    private final RuntimeSettings settings = new RuntimeSettings();
    private final RuntimeOverlay overlay = new RuntimeOverlay(settings);

    @Test
    void aReplacingSettingReplacesTheSectionAsAWholeAndItsRemovalBringsBackTheConfiguredOne() {
        FlappingSetting configured = new FlappingSetting(Duration.ofMinutes(30), 6, Duration.ofMinutes(5));
        SettingsView<FlappingSetting> flapping = overlay.replacing(SettingContracts.FLAPPING, configured);
        assertThat(flapping.get()).isEqualTo(configured);

        change("detector.flapping", "{\"max-openings\": 3}");
        assertThat(flapping.get()).as("fields the setting leaves out take their defaults, not the configured values")
                .isEqualTo(new FlappingSetting(null, 3, null));

        change("detector.flapping", "{\"max-openings\": 1}");
        assertThat(flapping.get()).as("a value that breaks the contract keeps what was in force").isEqualTo(new FlappingSetting(null, 3, null));

        remove("detector.flapping");
        assertThat(flapping.get()).isEqualTo(configured);
    }

    @Test
    void aBadValueFoundAtTheStartLeavesTheConfiguredValueInForce() {
        change("detector.flapping", "{\"max-openings\": \"many\"}");
        FlappingSetting configured = new FlappingSetting(null, 5, null);

        assertThat(overlay.replacing(SettingContracts.FLAPPING, configured).get()).isEqualTo(configured);
    }

    @Test
    void anAppendingSettingJoinsTheConfiguredListAndABadListAddsNothingNew() {
        SilenceSetting configured = silence("configured", "shop");
        SettingsView<List<SilenceSetting>> silences = overlay.appending(SettingContracts.SILENCES, List.of(configured));

        change("detector.silences", "[{\"id\": \"runtime\", \"matchers\": {\"service\": \"cart\"}, \"ends-at\": \"" + END + "\"}]");
        assertThat(silences.get()).extracting(SilenceSetting::id).containsExactly("configured", "runtime");

        change("detector.silences", "[{\"id\": \"crafted\", \"matchers\": {\"service\": \"(?!x).*\"}, \"ends-at\": \"" + END + "\"}]");
        assertThat(silences.get()).as("the last good list stays").extracting(SilenceSetting::id).containsExactly("configured", "runtime");
    }

    @Test
    void byNameEachSettingAddsOrReplacesOneEntryAndABadOneLeavesTheConfiguredEntry() {
        ThresholdSetting memory = ThresholdSetting.above("memory", "memory_usage_ratio", 0.6, 0.55, null, Severity.WARNING, null);
        ThresholdSetting cpu = ThresholdSetting.above("cpu", "cpu_usage_ratio", 0.8, 0.7, null, Severity.WARNING, null);
        SettingsView<Map<String, ThresholdSetting>> rules = overlay.byName(SettingContracts.THRESHOLDS, Map.of("memory", memory, "cpu", cpu));

        change("detector.threshold.memory", "{\"signal\": \"memory_usage_ratio\", \"above\": 0.7}");
        change("detector.threshold.disk", "{\"signal\": \"disk_usage_ratio\", \"above\": 0.9}");
        change("detector.threshold.cpu", "{\"signal\": \"cpu_usage_ratio\", \"above\": 0.5, \"clear-below\": 0.9}");
        change("detector.threshold.alert:x", "{\"signal\": \"x\", \"above\": 1}");

        assertThat(rules.get()).containsOnlyKeys("memory", "cpu", "disk");
        assertThat(rules.get().get("memory").above()).isEqualTo(0.7);
        assertThat(rules.get().get("cpu")).as("the bad replacement is ignored").isEqualTo(cpu);
        assertThat(rules.get().get("disk").name()).as("named after the setting").isEqualTo("disk");
    }

    @Test
    void aServicesOwnCheckRefusesAnEntryToo() {
        ThresholdSetting configured = ThresholdSetting.above("memory", "memory_usage_ratio", 0.6, 0.55, null, Severity.WARNING, null);
        SettingsView<Map<String, ThresholdSetting>> rules = overlay.byName(SettingContracts.THRESHOLDS, Map.of("memory", configured),
                rule -> {
                    if (rule.above() != null && rule.above() > 1) {
                        throw new IllegalArgumentException("a ratio is at most 1");
                    }
                    return rule;
                });

        change("detector.threshold.memory", "{\"signal\": \"memory_usage_ratio\", \"above\": 7}");

        assertThat(rules.get().get("memory")).isEqualTo(configured);
    }

    @Test
    void perPropertyEachSettingReplacesOnePropertyOfTheConfiguredSectionInNameOrder() {
        LlmSetting configured = new LlmSetting(new LlmSetting.ErrorCascade(null, 40, null, null, null), null,
                new LlmSetting.AgentLoop(null, 10, 20, null, null, null, null, null, null), null, null);
        SettingsView<LlmSetting> llm = overlay.perProperty(SettingContracts.LLM, configured);

        change("detector.llm.agent-loop.warning-generations", "30");
        change("detector.llm.agent-loop.critical-generations", "50");
        change("detector.llm.error-cascade.min-rate", "1.5");
        change("detector.llm.prompt-drift.max-score-drop", "0.2");

        assertThat(llm.get().agentLoop().criticalGenerations()).isEqualTo(50);
        assertThat(llm.get().agentLoop().warningGenerations()).as("applied after critical-generations, by name").isEqualTo(30);
        assertThat(llm.get().errorCascade()).as("the bad property is ignored; the configured values stay").isEqualTo(configured.errorCascade());
        assertThat(llm.get().promptDrift().maxScoreDrop()).isEqualTo(0.2);
    }

    @Test
    void refusesToOverlayAFamilyByAnotherFamilysMerge() {
        assertThatThrownBy(() -> overlay.replacing(SettingContracts.SILENCES, List.of())).hasMessageContaining("APPEND");
    }

    private void change(String name, String json) {
        settings.apply(envelope(new SettingChanged(name, JSON.readTree(json), "test", Instant.now())));
    }

    private void remove(String name) {
        settings.apply(envelope(new SettingRemoved(name, "test", Instant.now())));
    }

    private static EventEnvelope<ConfigEvent> envelope(ConfigEvent event) {
        return new EventEnvelope<>(EventIds.random(), "gateway", Instant.now(), TraceParent.root(), event);
    }

    private static SilenceSetting silence(String id, String service) {
        return new SilenceSetting(id, Map.of("service", service), null, END, "alice", null);
    }
}
