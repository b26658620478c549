package io.sentinel.gateway.slack;

import tools.jackson.databind.JsonNode;

/** What the gateway tells Slack about a button press. */
public sealed interface SlackReply {

    /** The text the person sees. */
    String text();

    /** Only the person who pressed sees it; the message stays as it was. Nothing was voted. */
    record Ephemeral(String text) implements SlackReply {
    }

    /**
     * The vote was cast: the message is updated for everyone.
     *
     * @param keepBlocks the message's blocks to keep (its buttons, for approvals that need more voters); null to show only the text
     */
    record Replace(String text, JsonNode keepBlocks) implements SlackReply {
    }
}
