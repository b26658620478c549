package io.sentinel.events.settings;

import io.sentinel.events.settings.SettingContract.Merge;
import io.sentinel.events.settings.detector.EwmaBaselineSetting;
import io.sentinel.events.settings.detector.FlappingSetting;
import io.sentinel.events.settings.detector.HeartbeatSetting;
import io.sentinel.events.settings.detector.HourlyBaselineSetting;
import io.sentinel.events.settings.detector.InhibitionSetting;
import io.sentinel.events.settings.detector.LatencyEstimateSetting;
import io.sentinel.events.settings.detector.LlmCostSetting;
import io.sentinel.events.settings.detector.LlmSetting;
import io.sentinel.events.settings.detector.NoveltySetting;
import io.sentinel.events.settings.detector.SilenceSetting;
import io.sentinel.events.settings.detector.StaleMetricSetting;
import io.sentinel.events.settings.detector.StuckQueueSetting;
import io.sentinel.events.settings.detector.ThresholdSetting;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.events.target.TargetRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every runtime setting there is, by name: its contract (the record its value must make, with that
 * record's checks) and how it overlays the configuration. The gateway refuses a value that breaks its
 * contract before publishing it; the services read the values they apply through the same contracts.
 * Adding a setting is adding it here, with its record.
 */
public final class SettingContracts {

    /** {@code detector.threshold.<name>}: adds a threshold rule, or replaces the configured rule of that name. */
    public static final NamedSetting<ThresholdSetting> THRESHOLDS = new NamedSetting<>("detector.threshold.", SettingContracts::threshold);
    /** {@code detector.silences}: silences that join the configured ones (the gateway's silences API edits it). */
    public static final WholeSetting<List<SilenceSetting>> SILENCES = WholeSetting.list("detector.silences", Merge.APPEND,
            SilenceSetting.class, UnaryOperator.identity());
    /** {@code detector.inhibitions}: replaces the configured inhibition rules. */
    public static final WholeSetting<List<InhibitionSetting>> INHIBITIONS = WholeSetting.list("detector.inhibitions", Merge.REPLACE,
            InhibitionSetting.class, UnaryOperator.identity());
    public static final WholeSetting<FlappingSetting> FLAPPING = WholeSetting.section("detector.flapping", FlappingSetting.class);
    /** {@code detector.novelty.<property>}, e.g. {@code detector.novelty.learn-for = "5m"}. */
    public static final PropertySetting<NoveltySetting> NOVELTY = new PropertySetting<>("detector.novelty.", NoveltySetting.class,
            NoveltySetting.DEFAULTS, Set.of(), Set.of());
    /** {@code detector.llm.<rule>.<property>} and {@code detector.llm.tool-schemas}. */
    public static final PropertySetting<LlmSetting> LLM = new PropertySetting<>("detector.llm.", LlmSetting.class, LlmSetting.DEFAULTS,
            Set.of("tool-schemas"), Set.of("agent-loop.warning-generations", "agent-loop.critical-generations",
            "agent-loop.max-observations-per-trace"));
    public static final WholeSetting<HourlyBaselineSetting> HOURLY_BASELINE = WholeSetting.section("detector.baseline.hourly",
            HourlyBaselineSetting.class);
    public static final WholeSetting<EwmaBaselineSetting> EWMA_BASELINE = WholeSetting.section("detector.baseline.ewma",
            EwmaBaselineSetting.class);
    /** {@code detector.absence.heartbeats}: replaces the configured list of expected heartbeats. */
    public static final WholeSetting<List<HeartbeatSetting>> HEARTBEATS = WholeSetting.list("detector.absence.heartbeats", Merge.REPLACE,
            HeartbeatSetting.class, HeartbeatSetting::checkList);
    public static final WholeSetting<Duration> DEFAULT_GRACE = WholeSetting.value("detector.absence.default-grace", Duration.class,
            HeartbeatSetting::checkDefaultGrace);
    public static final WholeSetting<StuckQueueSetting> STUCK_QUEUE = WholeSetting.section("detector.absence.stuck-queue",
            StuckQueueSetting.class);
    public static final WholeSetting<StaleMetricSetting> STALE_METRICS = WholeSetting.section("detector.absence.stale-metrics",
            StaleMetricSetting.class);
    public static final WholeSetting<LatencyEstimateSetting> LATENCY_ESTIMATE = WholeSetting.section("detector.latency.estimate",
            LatencyEstimateSetting.class);
    public static final WholeSetting<LlmCostSetting> LLM_COST = WholeSetting.section("detector.llm-cost", LlmCostSetting.class);
    /** {@code inventory.targets.<name>}: adds a target, or replaces the configured target of that name (see {@link InventoryTargetSetting}). */
    public static final NamedSetting<TargetRef> INVENTORY_TARGETS = new NamedSetting<>(InventoryTargetSetting.PREFIX,
            (settingName, name, value) -> InventoryTargetSetting.read(settingName, value));

    /**
     * {@code policy.rules}: replaces the policy service's configured rules as a whole (first match wins, so
     * the rules only mean something in their order; see {@link PolicyRuleSetting}).
     */
    public static final WholeSetting<List<PolicyRuleSetting>> POLICY_RULES = WholeSetting.list("policy.rules", Merge.REPLACE,
            PolicyRuleSetting.class, PolicyRuleSetting::checkList);

    private static final List<SettingContract> ALL = List.of(THRESHOLDS, SILENCES, INHIBITIONS, FLAPPING, NOVELTY, LLM, HOURLY_BASELINE,
            EWMA_BASELINE, HEARTBEATS, DEFAULT_GRACE, STUCK_QUEUE, STALE_METRICS, LATENCY_ESTIMATE, LLM_COST, INVENTORY_TARGETS,
            POLICY_RULES);

    private SettingContracts() {
    }

    public static List<SettingContract> all() {
        return ALL;
    }

    public static Optional<SettingContract> find(String settingName) {
        return ALL.stream().filter(contract -> contract.covers(settingName)).findFirst();
    }

    /**
     * The value, typed and checked by its setting's contract.
     *
     * @throws IllegalArgumentException naming the setting and the field, or saying that there is no such setting
     */
    public static Object read(String settingName, JsonNode value) {
        SettingContract contract = find(settingName).orElseThrow(() -> new IllegalArgumentException("'" + settingName
                + "' is not a runtime setting; the settings are " + ALL.stream().map(SettingContracts::describe).toList()));
        return contract.read(settingName, value);
    }

    private static String describe(SettingContract contract) {
        return switch (contract.merge()) {
            case BY_NAME -> contract.name() + "<name>";
            case PER_PROPERTY -> contract.name() + "<property>";
            case REPLACE, APPEND -> contract.name();
        };
    }

    /** The value has the rule's fields but its name, which is the setting's last part. */
    private static ThresholdSetting threshold(String settingName, String name, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(settingName + ": the value must be a JSON object with the rule's fields (its name is the "
                    + "setting's last part)");
        }
        JsonNode written = value.get("name");
        if (written != null && !(written.isString() && written.stringValue().equals(name))) {
            throw new IllegalArgumentException(settingName + ": field 'name' must be the setting's last part ('" + name
                    + "') or left out, was " + written);
        }
        ObjectNode withName = ((ObjectNode) value).deepCopy();
        withName.put("name", name);
        return SettingJson.read(withName, ThresholdSetting.class, settingName);
    }
}
