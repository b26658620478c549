package io.sentinel.gateway.settings;

import io.sentinel.runtime.inventory.InventoryProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory's environments, bound exactly as the services that apply the inventory bind them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
class SettingsConfiguration {

    @Bean
    SettingRules settingRules(InventoryProperties inventory) {
        return new SettingRules(inventory.environments());
    }
}
