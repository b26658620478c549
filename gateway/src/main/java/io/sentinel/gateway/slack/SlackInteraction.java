package io.sentinel.gateway.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Slack sends when someone presses a button of an interactive message: the form field
 * {@code payload}, a JSON document with {@code type}, {@code user.id}, {@code actions[0].action_id},
 * {@code actions[0].value} and {@code response_url}. Only what Sentinel uses is read. Pure.
 *
 * @param type          {@code block_actions} for a button
 * @param userId        the Slack user who pressed it
 * @param userName      their Slack username, for logs and audit entries only; never who votes
 * @param actionId      the button's {@code action_id}: {@code approve} or {@code reject}
 * @param value         the button's {@code value}: the approval id
 * @param responseUrl   where Slack takes answers to this press for 30 minutes; null if it named none
 * @param messageBlocks the blocks of the message the button is on, if Slack sent them (to keep them when it is updated)
 */
public record SlackInteraction(String type, String userId, String userName, String actionId, String value, String responseUrl,
                               JsonNode messageBlocks) {

    public static final String BLOCK_ACTIONS = "block_actions";
    static final int MAX_VALUE_LENGTH = 200;

    /**
     * @param body the request's raw body, {@code application/x-www-form-urlencoded}
     * @throws MalformedInteractionException naming what is missing or wrong
     */
    public static SlackInteraction parse(byte[] body, JsonMapper json) {
        String payload = null;
        for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = field.indexOf('=');
            String name = decode(equals < 0 ? field : field.substring(0, equals));
            if ("payload".equals(name)) {
                if (payload != null) {
                    throw new MalformedInteractionException("the form field 'payload' appears more than once");
                }
                payload = equals < 0 ? "" : decode(field.substring(equals + 1));
            }
        }
        if (payload == null || payload.isBlank()) {
            throw new MalformedInteractionException("the form field 'payload' is missing");
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedInteractionException("the form field 'payload' is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedInteractionException("the form field 'payload' is not a JSON object");
        }
        String type = text(root.path("type"));
        if (type == null) {
            throw new MalformedInteractionException("the payload has no 'type'");
        }
        String userId = text(root.path("user").path("id"));
        if (userId == null) {
            throw new MalformedInteractionException("the payload has no 'user.id'");
        }
        String userName = text(root.path("user").path("username"));
        if (userName == null) {
            userName = text(root.path("user").path("name"));
        }
        JsonNode action = root.path("actions").path(0);
        String value = text(action.path("value"));
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw new MalformedInteractionException("the button's 'value' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        JsonNode blocks = root.path("message").path("blocks");
        return new SlackInteraction(type, userId, userName, text(action.path("action_id")), value, text(root.path("response_url")),
                blocks.isArray() ? blocks : null);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedInteractionException("the form body is not URL-encoded: " + e.getMessage());
        }
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
