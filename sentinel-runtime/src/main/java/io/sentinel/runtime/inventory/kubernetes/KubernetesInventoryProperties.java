package io.sentinel.runtime.inventory.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Inventory targets found in Kubernetes: every Deployment, StatefulSet and DaemonSet of the listed
 * namespaces becomes the target {@code <workload>.<namespace>} (the name the collector gives a
 * workload's signals), in the environment the operator gives its namespace here. The environment
 * decides how risky acting is, so it comes from this configuration, never from a label anyone who
 * can edit a workload could set.
 *
 * @param namespaces namespace to environment, e.g. {@code shop: production}; none by default (nothing is discovered)
 * @param masterUrl  the API server; unset: in-cluster (the pod's ServiceAccount), else {@code ~/.kube/config}
 */
@ConfigurationProperties(KubernetesInventoryProperties.PREFIX)
public record KubernetesInventoryProperties(Map<String, String> namespaces, URI masterUrl) {

    public static final String PREFIX = "sentinel.inventory.kubernetes";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public KubernetesInventoryProperties {
        namespaces = namespaces == null ? Map.of() : Map.copyOf(namespaces);
        namespaces.forEach((namespace, environment) -> {
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException(PREFIX + ".namespaces: '" + namespace + "' is not a Kubernetes namespace name");
            }
            if (environment == null || environment.isBlank()) {
                throw new IllegalArgumentException(PREFIX + ".namespaces." + namespace + " must name the namespace's environment");
            }
        });
        masterUrl = masterUrl == null || masterUrl.toString().isBlank() ? null : masterUrl;
        if (masterUrl != null && (masterUrl.getHost() == null || masterUrl.getRawUserInfo() != null)) {
            throw new IllegalArgumentException(PREFIX + ".master-url must be an absolute URL with a host and without credentials");
        }
    }

    public boolean enabled() {
        return !namespaces.isEmpty();
    }
}
