package io.sentinel.policy.rules;

import io.sentinel.events.settings.policy.PolicyRuleSetting;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The rules policy.yaml ships, bound as the service binds them. */
public final class ShippedPolicy {

    private ShippedPolicy() {
    }

    public static List<PolicyRuleSetting> rules() {
        return PolicyRulesConfiguration.configuredRules(binder("policy.yaml"));
    }

    static Binder binder(String resource) {
        try {
            var sources = new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource));
            return new Binder(ConfigurationPropertySources.from(sources));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
