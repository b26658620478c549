package io.sentinel.playbooks;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a playbook's {@code snapshot}: {@code {kubernetes: {...}}} is a Kubernetes snapshot,
 * {@code {http: {...}}} or the call itself ({@code {url: ..., method: ...}}, the form every existing
 * playbook uses) an HTTP one.
 */
final class SnapshotDeserializer extends ValueDeserializer<StepAction> {

    @Override
    public StepAction deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode node = context.readTree(parser);
        if (node.isObject() && node.size() == 1 && node.has(KubernetesAction.KIND)) {
            return context.readTreeAsValue(node.get(KubernetesAction.KIND), KubernetesAction.class);
        }
        if (node.isObject() && node.size() == 1 && node.has(HttpRequestSpec.KIND)) {
            return context.readTreeAsValue(node.get(HttpRequestSpec.KIND), HttpRequestSpec.class);
        }
        return context.readTreeAsValue(node, HttpRequestSpec.class);
    }
}
