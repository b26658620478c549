package io.sentinel.runtime.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this service is. The name is the CloudEvents source of everything it publishes, its Kafka
 * consumer group and, by default, its database schema.
 *
 * @param name e.g. {@code detector}; lowercase letters only, so it is also a valid schema name
 */
@ConfigurationProperties("sentinel.service")
public record ServiceIdentityProperties(String name) {

    public ServiceIdentityProperties {
        if (name == null || !name.matches("[a-z]+")) {
            throw new IllegalArgumentException(
                    "sentinel.service.name must be set to the service's name in lowercase letters (e.g. 'detector'), was '" + name + "'");
        }
    }
}
