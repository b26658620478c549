package io.sentinel.analyzer.analysis;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.analysis.Risk;
import io.sentinel.playbooks.Playbook;
import io.sentinel.playbooks.PlaybookCatalog;
import io.sentinel.playbooks.ProposalCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds a model's answer to the contract and to the catalog: one JSON object with every field of
 * the right type, a playbook from the catalog (or none) whose parameters pass its patterns. Anything
 * else is rejected with a problem precise enough to quote back to the model in one repair request.
 * Long texts are cut rather than rejected; an answer far beyond any real one is rejected. Pure.
 */
public final class AnswerCheck {

    static final int MAX_ANSWER_CHARS = 20_000;
    static final int MAX_TEXT_CHARS = 2_000;
    static final int MAX_EVIDENCE = 12;
    static final int MAX_EVIDENCE_CHARS = 400;
    static final int MAX_PARAMETER_CHARS = 256;
    private static final Set<String> RISKS = Set.of("LOW", "MEDIUM", "HIGH");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlaybookCatalog catalog;

    public AnswerCheck(PlaybookCatalog catalog) {
        this.catalog = catalog;
    }

    public sealed interface Verdict {
    }

    /**
     * @param action   the catalog playbook with its parameters, defaults filled in; null when the model proposed none
     * @param playbook the catalog's playbook; null when none
     */
    public record Accepted(ModelAnswer answer, ProposedAction action, Playbook playbook) implements Verdict {
    }

    /** @param catalogViolation whether the answer named a playbook or parameters the catalog does not allow */
    public record Rejected(String problem, boolean catalogViolation) implements Verdict {
    }

    public Verdict check(String text) {
        if (text == null || text.isBlank()) {
            return new Rejected("the answer was empty; it must be one JSON object", false);
        }
        if (text.length() > MAX_ANSWER_CHARS) {
            return new Rejected("the answer was " + text.length() + " characters long; it must be one JSON object of at most "
                    + MAX_ANSWER_CHARS, false);
        }
        JsonNode root;
        try {
            root = JSON.readTree(withoutCodeFence(text.strip()));
        } catch (JacksonException e) {
            return new Rejected("the answer is not valid JSON: " + firstLine(e.getOriginalMessage()), false);
        }
        if (root == null || !root.isObject()) {
            return new Rejected("the answer must be one JSON object, was " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()), false);
        }
        List<String> problems = new ArrayList<>();
        String rootCause = text(root, "rootCause", problems);
        String summary = text(root, "summary", problems);
        List<String> evidence = evidence(root, problems);
        String playbookId = playbookId(root, problems);
        Map<String, String> parameters = parameters(root, problems);
        Risk risk = risk(root, problems);
        Double confidence = confidence(root, problems);
        if (!problems.isEmpty()) {
            return new Rejected(String.join("; ", problems), false);
        }
        ModelAnswer answer = new ModelAnswer(rootCause, evidence, playbookId, parameters, risk, confidence, summary);
        if (playbookId == null) {
            if (!parameters.isEmpty()) {
                return new Rejected("parameters were given but playbookId is null; give no parameters without a playbook", false);
            }
            return new Accepted(answer, null, null);
        }
        ProposalCheck check = catalog.check(new ProposedAction(playbookId, parameters));
        if (!check.valid()) {
            return new Rejected(String.join("; ", check.problems()), true);
        }
        return new Accepted(answer, new ProposedAction(playbookId, check.parameters()), check.playbook());
    }

    /** Models often wrap JSON in a Markdown code fence even when told not to; that much is forgiven. */
    static String withoutCodeFence(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            String inner = text.substring(3, text.length() - 3);
            int newline = inner.indexOf('\n');
            return newline < 0 ? inner : inner.substring(newline + 1);
        }
        return text;
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add("field '" + field + "' is missing");
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            problems.add("field '" + field + "' must be a non-empty string");
            return null;
        }
        return cut(node.stringValue().strip(), MAX_TEXT_CHARS);
    }

    private static List<String> evidence(JsonNode root, List<String> problems) {
        JsonNode node = root.get("evidence");
        if (node == null || !node.isArray()) {
            problems.add("field 'evidence' must be an array of strings");
            return List.of();
        }
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString()) {
                problems.add("evidence[" + i + "] must be a string");
                return List.of();
            }
            if (!item.stringValue().isBlank() && evidence.size() < MAX_EVIDENCE) {
                evidence.add(cut(item.stringValue().strip(), MAX_EVIDENCE_CHARS));
            }
        }
        if (evidence.isEmpty()) {
            problems.add("field 'evidence' must list at least one fact the root cause rests on");
        }
        return evidence;
    }

    private static String playbookId(JsonNode root, List<String> problems) {
        if (!root.has("playbookId")) {
            problems.add("field 'playbookId' is missing (null when no playbook fits)");
            return null;
        }
        JsonNode node = root.get("playbookId");
        if (node.isNull()) {
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            problems.add("field 'playbookId' must be a playbook id from the catalog, or null");
            return null;
        }
        return cut(node.stringValue().strip(), 200);
    }

    private static Map<String, String> parameters(JsonNode root, List<String> problems) {
        JsonNode node = root.get("parameters");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add("field 'parameters' must be an object of string values");
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> parameter : node.properties()) {
            if (!parameter.getValue().isString()) {
                problems.add("parameter '" + cut(parameter.getKey(), 100) + "' must be a string");
            } else if (parameter.getValue().stringValue().length() > MAX_PARAMETER_CHARS) {
                problems.add("parameter '" + cut(parameter.getKey(), 100) + "' is longer than " + MAX_PARAMETER_CHARS + " characters");
            } else {
                parameters.put(parameter.getKey(), parameter.getValue().stringValue());
            }
        }
        return parameters;
    }

    private static Risk risk(JsonNode root, List<String> problems) {
        JsonNode node = root.get("risk");
        if (node == null || !node.isString() || !RISKS.contains(node.stringValue())) {
            problems.add("field 'risk' must be \"LOW\", \"MEDIUM\" or \"HIGH\"");
            return null;
        }
        return Risk.valueOf(node.stringValue());
    }

    private static Double confidence(JsonNode root, List<String> problems) {
        JsonNode node = root.get("confidence");
        if (node == null || !node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            problems.add("field 'confidence' must be a number from 0 to 1");
            return null;
        }
        return node.doubleValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return cut(newline < 0 ? message : message.substring(0, newline), 200);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
