package io.sentinel.runtime.inventory;

import io.sentinel.runtime.settings.RuntimeSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The target inventory, for the services that decide about or act on targets (analyzer, policy,
 * executor). Opt-in ({@code @Import} it), like the playbook catalog: in the local stack every
 * service shares one classpath, and only these read the inventory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
public class TargetInventoryConfiguration {

    @Bean
    TargetInventory targetInventory(InventoryProperties properties, RuntimeSettings settings) {
        return new TargetInventory(properties, settings);
    }
}
