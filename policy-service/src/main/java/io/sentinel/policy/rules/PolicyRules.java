package io.sentinel.policy.rules;

import io.sentinel.events.settings.SettingContracts;
import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.runtime.settings.RuntimeOverlay;
import io.sentinel.runtime.settings.RuntimeSettings;
import io.sentinel.runtime.settings.SettingsView;
import java.util.List;

/**
 * The policy in force: the configured rules ({@code sentinel.policy.rules}), replaced as a whole by the
 * runtime setting {@code policy.rules} while it exists (read by the same contract the gateway checks
 * it with). A runtime value that breaks the contract is ignored with a warning and the rules in force
 * before it stay; removing the setting brings back the configured rules.
 */
public final class PolicyRules {

    private final SettingsView<RuleMatcher> matcher;

    public PolicyRules(List<PolicyRuleSetting> configured, RuntimeSettings settings) {
        SettingsView<List<PolicyRuleSetting>> rules = new RuntimeOverlay(settings).replacing(SettingContracts.POLICY_RULES, configured);
        this.matcher = new SettingsView<>(settings, () -> new RuleMatcher(rules.get()));
    }

    public RuleMatcher current() {
        return matcher.get();
    }
}
