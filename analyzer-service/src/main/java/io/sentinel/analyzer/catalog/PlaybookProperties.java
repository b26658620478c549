package io.sentinel.analyzer.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the playbook catalog is. The deployment provides the playbooks; the analyzer ships none, so
 * that what it may propose is exactly what the executor next to it can run.
 *
 * @param location a Spring resource location holding {@code *.yaml} playbooks, e.g.
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
