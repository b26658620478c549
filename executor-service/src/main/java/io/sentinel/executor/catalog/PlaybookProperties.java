package io.sentinel.executor.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location where the playbook files ({@code *.yaml}) are, as a Spring resource location:
 *                 {@code classpath:playbooks/} or {@code file:/etc/sentinel/playbooks/}
 */
@ConfigurationProperties("sentinel.playbooks")
public record PlaybookProperties(@DefaultValue("classpath:playbooks/") String location) {

    public PlaybookProperties {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("sentinel.playbooks.location must name a directory of playbook files");
        }
    }
}
