package io.sentinel.analyzer.ask;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.ProposalCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A playbook run an answer suggests, read from the model's suggestion line
 * ({@code SUGGEST PLAYBOOK: {"playbookId": "...", "parameters": {...}}}) and held to the catalog: an
 * unknown playbook, an undeclared parameter or one that fails its pattern is dropped, whatever the
 * question or the data asked for. Pure.
 */
public final class Suggestion {

    private static final int MAX_CHARS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Suggestion() {
    }

    public static Optional<ProposedAction> of(String json, PlaybookCatalog catalog) {
        if (json == null || json.isBlank() || json.length() > MAX_CHARS) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || node.get("playbookId") == null || !node.get("playbookId").isString()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode given = node.get("parameters");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                return Optional.empty();
            }
            for (Map.Entry<String, JsonNode> parameter : given.properties()) {
                if (!parameter.getValue().isString()) {
                    return Optional.empty();
                }
                parameters.put(parameter.getKey(), parameter.getValue().stringValue());
            }
        }
        String playbookId = node.get("playbookId").stringValue().strip();
        if (playbookId.isEmpty()) {
            return Optional.empty();
        }
        ProposalCheck check = catalog.check(new ProposedAction(playbookId, parameters));
        return check.valid() ? Optional.of(new ProposedAction(playbookId, check.parameters())) : Optional.empty();
    }
}
