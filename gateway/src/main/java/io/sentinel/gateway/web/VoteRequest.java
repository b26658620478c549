package io.sentinel.gateway.web;

import io.sentinel.events.approval.Vote;
import java.util.Locale;

/** The body of {@code POST /api/approvals/{approvalId}}: {@code {"decision": "approve"|"reject", "comment": "optional"}}. */
record VoteRequest(String decision, String comment) {

    static final int MAX_COMMENT_LENGTH = 1000;

    Vote vote() {
        if (decision == null || decision.isBlank()) {
            throw ApiProblems.badRequest("field 'decision' is required: \"approve\" or \"reject\"");
        }
        return switch (decision.strip().toLowerCase(Locale.ROOT)) {
            case "approve" -> Vote.APPROVE;
            case "reject" -> Vote.REJECT;
            default -> throw ApiProblems.badRequest("field 'decision' must be \"approve\" or \"reject\"");
        };
    }

    /** The comment, or null when there is none. */
    String validComment() {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw ApiProblems.badRequest("field 'comment' must be at most " + MAX_COMMENT_LENGTH + " characters, was " + comment.length());
        }
        return comment.strip();
    }
}
