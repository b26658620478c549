package io.sentinel.playbooks.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the playbook catalog is. The deployment provides the playbooks (a ConfigMap in Kubernetes);
 * services ship none, so what the analyzer may propose is exactly what the executor can run.
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
