package io.sentinel.playbooks.spring;

import io.sentinel.playbooks.ShippedPlaybooks;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the playbook catalog is. The deployment provides the playbooks (a ConfigMap in Kubernetes),
 * and may add sets Sentinel ships; the analyzer and the executor must be configured alike, so that
 * what the analyzer may propose is exactly what the executor can run.
 *
 * @param location a Spring resource location holding {@code *.yaml} playbooks, e.g.
 *                 {@code classpath:playbooks/} or {@code file:/etc/sentinel/playbooks/}
 * @param shipped  sets of playbooks Sentinel ships, loaded next to those at {@code location}:
 *                 {@code kubernetes} ({@link ShippedPlaybooks}); none by default
 */
@ConfigurationProperties("sentinel.playbooks")
public record PlaybookProperties(@DefaultValue("classpath:playbooks/") String location, List<String> shipped) {

    public PlaybookProperties {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("sentinel.playbooks.location must name a directory of playbook files");
        }
        shipped = shipped == null ? List.of() : List.copyOf(shipped);
        for (int i = 0; i < shipped.size(); i++) {
            if (ShippedPlaybooks.named(shipped.get(i)).isEmpty()) {
                throw new IllegalArgumentException("sentinel.playbooks.shipped[" + i + "] '" + shipped.get(i) + "' is not a set of "
                        + "shipped playbooks; the sets are " + ShippedPlaybooks.allWritten());
            }
        }
        if (shipped.stream().distinct().count() != shipped.size()) {
            throw new IllegalArgumentException("sentinel.playbooks.shipped names a set twice: " + shipped);
        }
    }

    /** Where the catalog is read from: {@code location}, then each shipped set's. */
    public List<String> locations() {
        List<String> locations = new ArrayList<>();
        locations.add(location);
        shipped.forEach(name -> locations.add(ShippedPlaybooks.named(name).orElseThrow().location()));
        return List.copyOf(locations);
    }
}
