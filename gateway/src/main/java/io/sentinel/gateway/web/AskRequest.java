package io.sentinel.gateway.web;

/** The body of {@code POST /api/ask}: {@code {"question": "...", "incidentId": "optional", "conversationId": "optional"}}. */
record AskRequest(String question, String incidentId, String conversationId) {
}
