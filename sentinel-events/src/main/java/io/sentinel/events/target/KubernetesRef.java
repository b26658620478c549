package io.sentinel.events.target;

import io.sentinel.events.EventFields;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a target lives in Kubernetes: a workload (or a node) the executor's Kubernetes steps may act
 * on. Names follow Kubernetes' own rules (RFC 1123 labels and subdomains), so a value that could not
 * name a Kubernetes object never reaches the API server.
 *
 * @param namespace the workload's namespace; null for a node
 * @param kind      Deployment, StatefulSet, DaemonSet or Node
 * @param name      the object's name
 */
public record KubernetesRef(String namespace, String kind, String name) {

    public static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Node");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public KubernetesRef {
        EventFields.requireText(kind, "kubernetes.kind");
        kind = canonicalKind(kind);
        EventFields.requireText(name, "kubernetes.name");
        if (!DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'kubernetes.name' must be a Kubernetes object name "
                    + "(lowercase letters, digits, '-' and '.'), was '" + name + "'");
        }
        if ("Node".equals(kind)) {
            if (namespace != null && !namespace.isBlank()) {
                throw new IllegalArgumentException("field 'kubernetes.namespace' must be absent for a Node: nodes have no namespace");
            }
            namespace = null;
        } else {
            EventFields.requireText(namespace, "kubernetes.namespace");
            if (!DNS_LABEL.matcher(namespace).matches()) {
                throw new IllegalArgumentException("field 'kubernetes.namespace' must be a Kubernetes namespace name "
                        + "(lowercase letters, digits and '-', at most 63), was '" + namespace + "'");
            }
        }
    }

    private static String canonicalKind(String kind) {
        return KINDS.stream().filter(known -> known.toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("field 'kubernetes.kind' must be one of " + KINDS.stream().sorted().toList()
                        + ", was '" + kind + "'"));
    }
}
