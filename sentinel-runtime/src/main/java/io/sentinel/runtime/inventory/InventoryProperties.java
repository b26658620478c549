package io.sentinel.runtime.inventory;

import io.sentinel.events.target.KubernetesRef;
import io.sentinel.events.target.TargetRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The target inventory: what Sentinel may act on, where, and how sensitive each place is. The
 * collector names targets on the signals it collects from sources it is configured with; everything
 * an action touches (its URLs, its Kubernetes object) and the environment that decides its risk come
 * from here, never from what a signal's sender wrote.
 *
 * @param environments every environment a target may be in, from least to most sensitive; a
 *                     resource with no inventory entry is treated as being in the last one
 * @param targets      the targets; the runtime setting {@code inventory.targets.<name>} adds one or
 *                     replaces the one of that name
 */
@ConfigurationProperties(InventoryProperties.PREFIX)
public record InventoryProperties(@DefaultValue({"development", "staging", "production"}) List<String> environments,
                                  List<ConfiguredTarget> targets) {

    public static final String PREFIX = "sentinel.inventory";

    public InventoryProperties {
        environments = environments == null || environments.isEmpty() ? List.of("development", "staging", "production") : List.copyOf(environments);
        if (new HashSet<>(environments).size() != environments.size()) {
            throw new IllegalArgumentException(PREFIX + ".environments names an environment twice: " + environments);
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String path = PREFIX + ".targets[" + i + "]";
            TargetRef target = targets.get(i).toTarget(path);
            if (!environments.contains(target.environment())) {
                throw new IllegalArgumentException(path + ".environment '" + target.environment() + "' is not one of " + PREFIX
                        + ".environments " + environments);
            }
            if (!names.add(target.name())) {
                throw new IllegalArgumentException(path + ".name '" + target.name() + "' is listed twice");
            }
        }
    }

    public List<TargetRef> configuredTargets() {
        List<TargetRef> refs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            refs.add(targets.get(i).toTarget(PREFIX + ".targets[" + i + "]"));
        }
        return List.copyOf(refs);
    }

    /** A target as configured; {@code kubernetes} is optional. */
    public record ConfiguredTarget(String name, String environment, List<String> urls, KubernetesRef kubernetes) {

        TargetRef toTarget(String path) {
            try {
                return new TargetRef(name, environment, urls, kubernetes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
    }
}
