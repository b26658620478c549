package io.sentinel.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detector.absence.AbsenceProperties;
import io.sentinel.detector.baseline.BaselineProperties;
import io.sentinel.detector.noise.NoiseProperties;
import io.sentinel.detector.threshold.ThresholdProperties;
import io.sentinel.events.settings.PropertySetting;
import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.SettingJson;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.settings.detector.LlmCostSetting;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime settings' contracts (sentinel-events, what the gateway checks values with) against the
 * detector's own configuration: every section of {@code detector.yaml} that a setting overlays is read,
 * field by field, by that setting's contract, which refuses unknown fields; and what Spring binds from
 * the same YAML is what the contract reads. Renaming a field on one side only fails here.
 */
class SettingContractsMatchTheConfigurationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, Object> detector;
    private static Binder binder;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheYaml() throws IOException {
        try (InputStream yaml = new ClassPathResource("detector.yaml").getInputStream()) {
            Map<String, Object> root = new Yaml().load(yaml);
            detector = (Map<String, Object>) ((Map<String, Object>) root.get("sentinel")).get("detector");
        }
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("detector.yaml", new ClassPathResource("detector.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        binder = new Binder(ConfigurationPropertySources.get(environment));
    }

    @Test
    void everyConfiguredThresholdRuleIsWhatItsSettingWouldBe() {
        ThresholdProperties bound = binder.bind("sentinel.detector.threshold", ThresholdProperties.class).get();
        List<JsonNode> rules = list(section("threshold").get("rules"));
        assertThat(rules).isNotEmpty();
        for (JsonNode rule : rules) {
            String name = rule.path("name").asString();
            ObjectNode value = ((ObjectNode) rule).deepCopy();
            value.remove("name");
            ThresholdSetting read = (ThresholdSetting) SettingContracts.read("detector.threshold." + name, value);
            assertThat(bound.rulesByName().get(name)).as(name).isEqualTo(read);
        }
    }

    @Test
    void theNoiseSectionsAreWhatTheirSettingsWouldBe() {
        NoiseProperties bound = binder.bind("sentinel.detector.noise", NoiseProperties.class).get();
        JsonNode noise = section("noise");
        assertThat(SettingContracts.read("detector.silences", noise.get("silences"))).isEqualTo(bound.silences());
        assertThat(SettingContracts.read("detector.inhibitions", noise.get("inhibitions"))).isEqualTo(bound.inhibitions());
        assertThat(SettingContracts.read("detector.flapping", noise.get("flapping"))).isEqualTo(bound.flapping());
    }

    @Test
    void theBaselineAbsenceLatencyAndSpendSectionsAreWhatTheirSettingsWouldBe() {
        BaselineProperties baseline = binder.bind("sentinel.detector.baseline", BaselineProperties.class).get();
        assertThat(SettingContracts.read("detector.baseline.hourly", section("baseline").get("hourly"))).isEqualTo(baseline.hourly());
        assertThat(SettingContracts.read("detector.baseline.ewma", section("baseline").get("ewma"))).isEqualTo(baseline.ewma());

        AbsenceProperties absence = binder.bind("sentinel.detector.absence", AbsenceProperties.class).get();
        assertThat(SettingContracts.read("detector.absence.stuck-queue", section("absence").get("stuck-queue"))).isEqualTo(absence.stuckQueue());
        assertThat(SettingContracts.read("detector.absence.stale-metrics", section("absence").get("stale-metrics")))
                .isEqualTo(absence.staleMetrics());
        assertThat(SettingContracts.read("detector.absence.heartbeats", section("absence").get("heartbeats"))).isEqualTo(absence.heartbeats());

        assertThat(SettingContracts.read("detector.latency.estimate", section("latency").get("estimate")))
                .isEqualTo(binder.bindOrCreate("sentinel.detector.latency.estimate", LatencyEstimateSetting.class));
        assertThat(SettingContracts.read("detector.llm-cost", section("llm-cost")))
                .isEqualTo(binder.bindOrCreate("sentinel.detector.llm-cost", LlmCostSetting.class));
    }

    @Test
    void everyNoveltyAndLlmPropertyIsOneTheirSettingsName() {
        assertPropertiesMatch(SettingContracts.NOVELTY, section("novelty"),
                binder.bindOrCreate("sentinel.detector.novelty", NoveltySetting.class), NoveltySetting.class);
        assertPropertiesMatch(SettingContracts.LLM, section("llm"), binder.bindOrCreate("sentinel.detector.llm", LlmSetting.class),
                LlmSetting.class);
    }

    private static <S> void assertPropertiesMatch(PropertySetting<S> contract, JsonNode configured, S bound, Class<S> type) {
        assertThat(SettingJson.read(configured, type, contract.name())).as("the whole section, strictly").isEqualTo(bound);
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        leaves(configured, "", leaves);
        assertThat(leaves).isNotEmpty();
        leaves.forEach((property, value) -> {
            String setting = contract.name() + property;
            assertThat(contract.properties()).as("a setting names %s", setting).contains(property);
            assertThat(contract.withProperty(bound, setting, value)).as("%s as configured changes nothing", setting).isEqualTo(bound);
        });
    }

    private static void leaves(JsonNode node, String path, Map<String, JsonNode> leaves) {
        node.properties().forEach(field -> {
            String property = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getValue().isObject() && !property.equals("tool-schemas")) {
                leaves(field.getValue(), property, leaves);
            } else {
                leaves.put(property, field.getValue());
            }
        });
    }

    private static JsonNode section(String name) {
        assertThat(detector).as("detector.yaml has sentinel.detector.%s", name).containsKey(name);
        return JSON.valueToTree(detector.get(name));
    }

    private static List<JsonNode> list(JsonNode array) {
        return array.valueStream().toList();
    }
}
