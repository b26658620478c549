package io.sentinel.gateway.web;

/** @param decision "approve" or "reject", as the voter sent it */
record VoteAccepted(String approvalId, String incidentId, String decision, String voter) {
}
