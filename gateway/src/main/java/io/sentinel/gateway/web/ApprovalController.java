package io.sentinel.gateway.web;

import io.sentinel.events.approval.Vote;
import io.sentinel.gateway.approval.CastOutcome;
import io.sentinel.gateway.approval.db.VoteCasting;
import io.sentinel.gateway.auth.Caller;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/approvals")
class ApprovalController {

    private final VoteCasting voting;

    ApprovalController(VoteCasting voting) {
        this.voting = voting;
    }

    /**
     * 202: the vote is published, not yet a decision; the policy service decides, and the approval's
     * state in the read model follows its decision. 409 for a second vote by the same person.
     */
    @PostMapping("/{approvalId}")
    ResponseEntity<VoteAccepted> vote(@PathVariable String approvalId, @RequestBody(required = false) VoteRequest body,
                                      @AuthenticationPrincipal Caller caller) {
        if (body == null) {
            throw ApiProblems.badRequest("request body is required: {\"decision\": \"approve\" or \"reject\", \"comment\": \"optional\"}");
        }
        Vote vote = body.vote();
        return switch (voting.cast(approvalId, vote, body.validComment(), caller)) {
            case CastOutcome.Cast cast -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new VoteAccepted(cast.approvalId(), cast.incidentId(), vote.name().toLowerCase(Locale.ROOT), cast.voter()));
            case CastOutcome.UnknownApproval unknown -> throw ApiProblems.notFound("No approval " + unknown.approvalId());
            case CastOutcome.NotPending decided -> throw ApiProblems.conflict(
                    "Approval " + decided.approvalId() + " is " + decided.state() + "; only a PENDING approval takes votes");
            case CastOutcome.Expired expired -> throw ApiProblems.conflict(
                    "Approval " + expired.approvalId() + " expired at " + expired.expiresAt() + "; it no longer takes votes");
            case CastOutcome.AlreadyVoted twice -> throw ApiProblems.conflict(twice.voter() + " already voted on approval "
                    + twice.approvalId() + " (" + twice.previous().name().toLowerCase(Locale.ROOT) + "); each person votes once");
            case CastOutcome.RoleTooLow tooLow -> throw ApiProblems.forbidden(
                    "This approval needs role " + tooLow.required() + "; " + caller.credential() + " has " + tooLow.actual());
            case CastOutcome.OwnRequest own -> throw ApiProblems.forbidden(
                    own.voter() + " requested this run; someone else must approve or reject it");
        };
    }
}
