package io.sentinel.gateway.web;

import io.sentinel.events.approval.BrakeReleased;

/** The body of {@code POST /api/brake/release}: {@code {"reason": "why it is safe to let actions run alone again"}}. */
record BrakeReleaseRequest(String reason) {

    String validReason() {
        if (reason == null || reason.isBlank()) {
            throw ApiProblems.badRequest("field 'reason' is required: say why it is safe to let actions run alone again");
        }
        String stripped = reason.strip();
        if (stripped.length() > BrakeReleased.MAX_REASON_LENGTH) {
            throw ApiProblems.badRequest("field 'reason' must be at most " + BrakeReleased.MAX_REASON_LENGTH + " characters, was "
                    + stripped.length());
        }
        return stripped;
    }
}
