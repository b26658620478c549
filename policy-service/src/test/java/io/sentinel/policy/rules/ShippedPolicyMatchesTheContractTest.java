package io.sentinel.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.settings.SettingContracts;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * policy.yaml's rules mean the same whether Spring binds them (at start) or the contract reads them
 * (the runtime setting policy.rules, which the gateway checks), and a field no rule has stops the
 * service rather than being ignored.
 */
class ShippedPolicyMatchesTheContractTest {

    @Test
    @SuppressWarnings("unchecked")
    void theShippedRulesReadTheSameThroughTheContract() throws Exception {
        Map<String, Object> yaml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("policy.yaml")) {
            yaml = new Yaml().load(in);
        }
        Object rules = ((Map<String, Object>) ((Map<String, Object>) yaml.get("sentinel")).get("policy")).get("rules");
        JsonNode asSetting = JsonMapper.builder().build().valueToTree(rules);

        assertThat(SettingContracts.POLICY_RULES.read("policy.rules", asSetting)).isEqualTo(ShippedPolicy.rules());
        assertThat(ShippedPolicy.rules()).extracting("name").containsExactly("deny-critical", "llm-pause-looping-agent",
                "llm-pause-overspending-agent", "llm-approve-the-rest", "auto-low", "approve-medium", "approve-high");
    }

    @Test
    void aMisspeltFieldInTheConfigurationStopsTheServiceInsteadOfWideningTheRule() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "sentinel.policy.rules[0].name", "auto-staging",
                "sentinel.policy.rules[0].enviroment", "staging",
                "sentinel.policy.rules[0].decision", "auto")));

        assertThatThrownBy(() -> PolicyRulesConfiguration.configuredRules(binder))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("sentinel.policy.rules[0].enviroment");
    }

    @Test
    void aRuleTheContractRefusesStopsTheServiceNamingTheRuleAndField() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "sentinel.policy.rules[0].name", "freeze",
                "sentinel.policy.rules[0].windows[0].from", "fri 16:00",
                "sentinel.policy.rules[0].windows[0].to", "mon 08:00",
                "sentinel.policy.rules[0].decision", "deny")));

        assertThatThrownBy(() -> PolicyRulesConfiguration.configuredRules(binder))
                .hasStackTraceContaining("rule 'freeze': windows[0].zone is required");
    }

    @Test
    void twoRulesOfOneNameStopTheService() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "sentinel.policy.rules[0].name", "twice", "sentinel.policy.rules[0].decision", "auto",
                "sentinel.policy.rules[1].name", "twice", "sentinel.policy.rules[1].decision", "deny")));

        assertThatThrownBy(() -> PolicyRulesConfiguration.configuredRules(binder))
                .hasMessage("sentinel.policy.rules: two rules are named 'twice': decisions name the rule that made them");
    }

    @Test
    void noRulesConfiguredIsAPolicyThatDeniesEverything() {
        assertThat(PolicyRulesConfiguration.configuredRules(new Binder(new MapConfigurationPropertySource(Map.of())))).isEqualTo(List.of());
    }
}
