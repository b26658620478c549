package io.sentinel.policy.rules;

import io.sentinel.events.settings.policy.PolicyRuleSetting;
import io.sentinel.runtime.settings.RuntimeSettings;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The configured policy, {@code sentinel.policy.rules}, bound straight into the contract's records
 * (the runtime setting {@code policy.rules} holds the same). A field no rule has is refused at start
 * rather than ignored: a misspelt {@code enviroment: production} on an {@code auto} rule would
 * otherwise let the rule run everything everywhere.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyRulesConfiguration {

    public static final String PROPERTY = "sentinel.policy.rules";

    @Bean
    PolicyRules policyRules(Environment environment, RuntimeSettings settings) {
        return new PolicyRules(configuredRules(Binder.get(environment)), settings);
    }

    /** The rules under {@value #PROPERTY}; none configured: none (every proposal is denied). */
    public static List<PolicyRuleSetting> configuredRules(Binder binder) {
        List<PolicyRuleSetting> rules = binder.bind(PROPERTY, Bindable.listOf(PolicyRuleSetting.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).orElse(List.of());
        try {
            return PolicyRuleSetting.checkList(rules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + ": " + e.getMessage(), e);
        }
    }
}
