package io.sentinel.policy.approval;

import io.sentinel.events.approval.Vote;

/** A vote that counted on an approval request: one per person and request. */
public record CountedVote(String voter, Vote vote) {
}
