package io.sentinel.executor.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code kubernetes} steps reach the API server and what they may touch there.
 *
 * @param allowedNamespaces the only namespaces a step may act in, on top of the inventory (which must
 *                          list the target's object too); empty (the default): every workload step is refused
 * @param nodesAllowed      whether steps may act on Node targets (cordon, uncordon): nodes are
 *                          cluster-wide, so this needs a ClusterRole and is off by default
 * @param masterUrl         the API server; unset: in-cluster (the pod's ServiceAccount) or the kubeconfig
 * @param kubeconfig        a kubeconfig file to use instead of the pod's ServiceAccount; unset by default
 * @param context           the kubeconfig context; unset: its current context
 * @param requestTimeout    the most one API request may take, within each step's own timeout
 */
@ConfigurationProperties(KubernetesStepProperties.PREFIX)
public record KubernetesStepProperties(List<String> allowedNamespaces, boolean nodesAllowed, URI masterUrl, Path kubeconfig,
                                       String context, @DefaultValue("10s") Duration requestTimeout) {

    public static final String PREFIX = "sentinel.executor.kubernetes";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public KubernetesStepProperties {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        for (int i = 0; i < allowedNamespaces.size(); i++) {
            String namespace = allowedNamespaces.get(i);
            if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException(PREFIX + ".allowed-namespaces[" + i + "] must be a Kubernetes namespace name "
                        + "(lowercase letters, digits and '-', at most 63), was '" + namespace + "'");
            }
        }
        if (new HashSet<>(allowedNamespaces).size() != allowedNamespaces.size()) {
            throw new IllegalArgumentException(PREFIX + ".allowed-namespaces names a namespace twice: " + allowedNamespaces);
        }
        masterUrl = masterUrl == null || masterUrl.toString().isBlank() ? null : masterUrl;
        if (masterUrl != null && (masterUrl.getHost() == null
                || !("https".equalsIgnoreCase(masterUrl.getScheme()) || "http".equalsIgnoreCase(masterUrl.getScheme())))) {
            throw new IllegalArgumentException(PREFIX + ".master-url must be an absolute https (or http) URL with a host, was '"
                    + masterUrl + "'");
        }
        if (masterUrl != null && masterUrl.getRawUserInfo() != null) {
            // Echoing it would print the credentials this check is about.
            throw new IllegalArgumentException(PREFIX + ".master-url must not carry credentials; use a kubeconfig or the ServiceAccount");
        }
        context = context == null || context.isBlank() ? null : context;
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + ".request-timeout must be a positive duration, was " + requestTimeout);
        }
    }
}
