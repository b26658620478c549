package io.sentinel.events.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.incident.Severity;
import io.sentinel.events.settings.SettingContract.Merge;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.settings.detector.InhibitionSetting;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.events.settings.detector.SilenceSetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import io.sentinel.events.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every runtime setting's contract: the shapes operators write (docs/runtime-settings.md), and everything else refused, naming the field. */
class SettingContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheShapesTheDocumentationShows() {
        assertThat(read("detector.threshold.memory-usage-high", """
                {"signal": "memory_usage_ratio", "above": 0.70, "clear-below": 0.65, "for": "30s",
                 "severity": "warning", "title": "Memory usage above 70% on {resource}"}"""))
                .isEqualTo(new ThresholdSetting("memory-usage-high", "memory_usage_ratio", 0.70, 0.65, null, null, Duration.ofSeconds(30),
                        Severity.WARNING, "Memory usage above 70% on {resource}", Map.of()));
        assertThat(read("detector.silences", """
                [{"id": "upgrade-1", "matchers": {"resource": "svc"}, "starts-at": "2026-11-23T12:00:00Z", "ends-at": "2026-11-23T13:00:00Z",
                  "created-by": "alice", "comment": "planned upgrade"}]"""))
                .isEqualTo(List.of(new SilenceSetting("upgrade-1", Map.of("resource", "svc"), Instant.parse("2026-11-23T12:00:00Z"),
                        Instant.parse("2026-11-23T13:00:00Z"), "alice", "planned upgrade")));
        assertThat(read("detector.inhibitions", """
                [{"name": "node", "source": {"rule": "node-down"}, "target": {"rule": "container-.*"}, "equal": ["node"]}]"""))
                .isEqualTo(List.of(new InhibitionSetting("node", Map.of("rule", "node-down"), Map.of("rule", "container-.*"), List.of("node"))));
        assertThat(read("detector.flapping", "{\"window\": \"1h\", \"max-openings\": 3}"))
                .isEqualTo(new FlappingSetting(Duration.ofHours(1), 3, Duration.ofMinutes(15)));
        assertThat(read("detector.novelty.learn-for", "\"5m\"")).isEqualTo(Duration.ofMinutes(5));
        assertThat(read("detector.novelty.learn-for", "\"PT5M\"")).as("ISO-8601 too").isEqualTo(Duration.ofMinutes(5));
        assertThat(read("detector.llm.error-cascade.min-traces", "50")).isEqualTo(50);
        assertThat(read("detector.llm.tool-schemas", "{\"search_orders\": [\"results\"]}"))
                .isEqualTo(Map.of("search_orders", List.of("results")));
        assertThat(read("detector.baseline.ewma", "{\"signals\": [\"pool\"], \"for\": \"1m\"}"))
                .isEqualTo(new EwmaBaselineSetting(List.of("pool"), null, null, null, Duration.ofMinutes(1), null, null));
        assertThat(read("detector.absence.heartbeats", "[{\"name\": \"backup\", \"every\": \"PT2S\", \"severity\": \"CRITICAL\"}]"))
                .isEqualTo(List.of(new HeartbeatSetting("backup", Duration.ofSeconds(2), null, Severity.CRITICAL, Map.of())));
        assertThat(read("detector.absence.default-grace", "\"2m\"")).isEqualTo(Duration.ofMinutes(2));
        assertThat(read("inventory.targets.shop", "{\"environment\": \"staging\", \"urls\": [\"http://shop:8080\"]}"))
                .isEqualTo(new TargetRef("shop", "staging", List.of("http://shop:8080"), null));
    }

    @Test
    void saysHowEachFamilyOverlaysTheConfiguration() {
        assertThat(SettingContracts.find("detector.threshold.x").orElseThrow().merge()).isEqualTo(Merge.BY_NAME);
        assertThat(SettingContracts.find("detector.silences").orElseThrow().merge()).isEqualTo(Merge.APPEND);
        assertThat(SettingContracts.find("detector.inhibitions").orElseThrow().merge()).isEqualTo(Merge.REPLACE);
        assertThat(SettingContracts.find("detector.flapping").orElseThrow().merge()).isEqualTo(Merge.REPLACE);
        assertThat(SettingContracts.find("detector.novelty.quiet-for").orElseThrow().merge()).isEqualTo(Merge.PER_PROPERTY);
        assertThat(SettingContracts.find("detector.llm-cost").orElseThrow()).as("not a property of detector.llm.")
                .isSameAs(SettingContracts.LLM_COST);
        assertThat(SettingContracts.find("inventory.targets.shop").orElseThrow().merge()).isEqualTo(Merge.BY_NAME);
        assertThat(SettingContracts.find("detector.nothing")).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no such setting", "detector.thresholds.x", "{}", "'detector.thresholds.x' is not a runtime setting"),
                Arguments.of("an unknown field", "detector.threshold.x", "{\"signal\": \"s\", \"above\": 1, \"abov\": 2}",
                        "detector.threshold.x: unknown field \"abov\""),
                Arguments.of("a field of the wrong type", "detector.threshold.x", "{\"signal\": \"s\", \"above\": \"high\"}",
                        "detector.threshold.x.above: "),
                Arguments.of("a rule that could never clear", "detector.threshold.x", "{\"signal\": \"s\", \"above\": 0.5, \"clear-below\": 0.6}",
                        "detector.threshold.x: clear-below (0.6) must not exceed above (0.5), or the incident could never clear"),
                Arguments.of("a rule named like an external alert", "detector.threshold.alert:disk", "{\"signal\": \"s\", \"above\": 1}",
                        "detector.threshold.alert:disk: name must not contain ':'"),
                Arguments.of("a threshold naming another rule", "detector.threshold.x", "{\"name\": \"cpu-usage-high\", \"signal\": \"s\", "
                        + "\"above\": 1}", "detector.threshold.x: field 'name' must be the setting's last part ('x') or left out"),
                Arguments.of("a threshold that is not an object", "detector.threshold.x", "[1]",
                        "detector.threshold.x: the value must be a JSON object"),
                Arguments.of("not a duration", "detector.threshold.x", "{\"signal\": \"s\", \"above\": 1, \"for\": \"soon\"}",
                        "detector.threshold.x.for: "),
                Arguments.of("a silence without an end", "detector.silences", "[{\"id\": \"s\", \"matchers\": {\"a\": \"b\"}}]",
                        "detector.silences[0]: ends-at is required: silences must end"),
                Arguments.of("a look-around RE2 refuses", "detector.silences",
                        "[{\"id\": \"s\", \"matchers\": {\"rule\": \"(?=x).*\"}, \"ends-at\": \"2026-11-23T13:00:00Z\"}]",
                        "detector.silences[0]: matchers.rule is not a valid regular expression (RE2 syntax"),
                Arguments.of("a pattern too large to match cheaply", "detector.silences",
                        "[{\"id\": \"s\", \"matchers\": {\"rule\": \"((a{100}){100}){100}\"}, \"ends-at\": \"2026-11-23T13:00:00Z\"}]",
                        "detector.silences[0]: matchers.rule is "),
                Arguments.of("a silence that is not in a list", "detector.silences", "{\"id\": \"s\"}",
                        "detector.silences: the value must be a JSON array"),
                Arguments.of("an inhibition without a source", "detector.inhibitions", "[{\"name\": \"n\", \"target\": {\"a\": \"b\"}}]",
                        "detector.inhibitions[0]: source needs at least one label matcher"),
                Arguments.of("flapping that never flaps", "detector.flapping", "{\"max-openings\": 1}",
                        "detector.flapping: max-openings must be at least 2, was 1"),
                Arguments.of("an unknown property", "detector.novelty.forget-for", "\"5m\"",
                        "detector.novelty.forget-for: there is no such setting; a setting names one property: detector.novelty.<property>"),
                Arguments.of("a whole rule as one property", "detector.llm.agent-loop", "{\"window\": \"PT1M\"}",
                        "detector.llm.agent-loop: there is no such setting"),
                Arguments.of("a property out of range", "detector.llm.error-cascade.min-rate", "1.5",
                        "detector.llm.error-cascade: min-rate must be between 0 and 1 (exclusive), was 1.5"),
                Arguments.of("a property of the wrong type", "detector.llm.prompt-drift.learn-outputs", "\"many\"",
                        "detector.llm.prompt-drift.learn-outputs: "),
                Arguments.of("a related property of the wrong type", "detector.llm.agent-loop.warning-generations", "\"many\"",
                        "detector.llm.agent-loop.warning-generations: "),
                Arguments.of("a negative duration", "detector.novelty.learn-for", "\"-5m\"",
                        "detector.novelty: learn-for must not be negative, was PT-5M"),
                Arguments.of("two heartbeats of one name", "detector.absence.heartbeats",
                        "[{\"name\": \"a\", \"every\": \"1m\"}, {\"name\": \"a\", \"every\": \"2m\"}]",
                        "detector.absence.heartbeats: two heartbeats are named 'a'"),
                Arguments.of("a negative default grace", "detector.absence.default-grace", "\"-1s\"",
                        "detector.absence.default-grace: default-grace must not be negative"),
                Arguments.of("a spike that could never clear", "detector.llm-cost", "{\"warning-factor\": 1.5, \"clear-factor\": 2}",
                        "detector.llm-cost: warning-factor (1.5) must not be under clear-factor (2.0)"),
                Arguments.of("a negative estimate", "detector.latency.estimate", "{\"base-seconds\": -1}",
                        "detector.latency.estimate: base-seconds must be a non-negative number"),
                Arguments.of("an inventory target with credentials", "inventory.targets.shop",
                        "{\"environment\": \"production\", \"urls\": [\"http://user:pw@x:80\"]}",
                        "inventory.targets.shop: field 'target.urls[0]' must not carry credentials"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAValueThatBreaksItsContractNamingTheSettingAndTheField(String scenario, String name, String value, String message) {
        assertThatThrownBy(() -> read(name, value)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void aThresholdWrittenWithItsOwnNameStillReads() {
        assertThat(read("detector.threshold.disk", "{\"name\": \"disk\", \"signal\": \"disk_usage_ratio\", \"above\": 0.9}"))
                .extracting("name").isEqualTo("disk");
    }

    @Test
    void aNullValueIsNoValue() {
        assertThatThrownBy(() -> SettingContracts.read("detector.flapping", JSON.readTree("null")))
                .hasMessageStartingWith("detector.flapping: ");
    }

    @Test
    void aPropertyRelatedToOthersIsCheckedForItsTypeOnlyWithoutTheConfiguration() {
        // 30 is above the default critical-generations (20), but the detector's configuration may well have 50.
        assertThat(read("detector.llm.agent-loop.warning-generations", "30")).isEqualTo(30);
    }

    @Test
    void aPropertyReplacesOneValueOfTheSectionAndTheSectionIsCheckedAsAWhole() {
        LlmSetting configured = new LlmSetting(new LlmSetting.ErrorCascade(null, 40, null, null, null), null,
                new LlmSetting.AgentLoop(null, 10, 50, null, null, null, null, null, null), null, null);

        LlmSetting raised = SettingContracts.LLM.withProperty(configured, "detector.llm.agent-loop.warning-generations", JSON.readTree("30"));

        assertThat(raised.agentLoop().warningGenerations()).isEqualTo(30);
        assertThat(raised.agentLoop().criticalGenerations()).as("as configured").isEqualTo(50);
        assertThat(raised.errorCascade().minTraces()).as("as configured").isEqualTo(40);
        assertThatThrownBy(() -> SettingContracts.LLM.withProperty(configured, "detector.llm.agent-loop.warning-generations",
                JSON.readTree("60"))).hasMessage("detector.llm.agent-loop: critical-generations (50) must not be under warning-generations (60)");
        assertThat(SettingContracts.NOVELTY.withProperty(NoveltySetting.DEFAULTS, "detector.novelty.max-fingerprints-per-service",
                JSON.readTree("7")).maxFingerprintsPerService()).isEqualTo(7);
    }

    @Test
    void listsEveryPropertyASettingMayName() {
        assertThat(SettingContracts.NOVELTY.properties()).containsExactly("learn-for", "max-fingerprints-per-service", "quiet-for");
        assertThat(SettingContracts.LLM.properties()).contains("error-cascade.min-traces", "agent-loop.window", "tool-schemas",
                "silent-tool-failure.error-patterns").doesNotContain("error-cascade", "agent-loop");
    }

    @Test
    void whatIsWrittenBackReadsTheSame() {
        for (Object value : List.of(LlmSetting.DEFAULTS, NoveltySetting.DEFAULTS, EwmaBaselineSetting.DEFAULTS, FlappingSetting.DEFAULTS,
                new SilenceSetting("s", Map.of("rule", "memory-.*"), null, Instant.parse("2026-11-23T13:00:00Z"), "alice", "why"))) {
            JsonNode written = SettingJson.tree(value);
            assertThat(SettingJson.read(written, value.getClass(), "round trip")).isEqualTo(value);
        }
        assertThat(SettingJson.tree(EwmaBaselineSetting.DEFAULTS).has("for")).as("as operators write it").isTrue();
        assertThat(SettingJson.tree(LlmSetting.DEFAULTS).path("error-cascade").path("window").asString()).isEqualTo("PT5M");
    }

    @Test
    void aSilenceWrittenByTheContractHasExactlyTheDetectorsFields() {
        JsonNode written = SettingJson.tree(new SilenceSetting("s", Map.of("a", "b"), Instant.parse("2026-11-23T12:00:00Z"),
                Instant.parse("2026-11-23T13:00:00Z"), "alice", "why"));
        assertThat(written.propertyNames()).containsExactly("id", "matchers", "starts-at", "ends-at", "created-by", "comment");
        assertThat(written.path("ends-at").asString()).isEqualTo("2026-11-23T13:00:00Z");
    }

    private static Object read(String name, String json) {
        return SettingContracts.read(name, JSON.readTree(json));
    }
}
