package io.sentinel.gateway.slack;

import io.sentinel.events.approval.Role;
import io.sentinel.events.approval.Vote;
import io.sentinel.gateway.approval.CastOutcome;
import io.sentinel.gateway.approval.db.VoteCasting;
import io.sentinel.gateway.audit.db.AuditEntries;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.identity.Identity;
import io.sentinel.gateway.identity.IdentityProvider;
import io.sentinel.gateway.identity.db.Identities;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A press of Approve or Reject in Slack, from a request already verified as Slack's: the Slack user is
 * looked up among the people an admin mapped, and the vote takes exactly the path of a vote through
 * the API ({@link VoteCasting}), as that person. A user nobody mapped, or whose role may not vote on
 * this approval, is told so privately, nothing is voted, and the attempt is audited.
 */
@Component
public class SlackApprovals {

    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    static final String REFUSED = "approval.vote.refused";
    private static final Logger log = LoggerFactory.getLogger(SlackApprovals.class);

    private final Identities identities;
    private final VoteCasting voting;
    private final AuditEntries audit;

    public SlackApprovals(Identities identities, VoteCasting voting, AuditEntries audit) {
        this.identities = identities;
        this.voting = voting;
        this.audit = audit;
    }

    public SlackReply handle(SlackInteraction interaction) {
        if (!SlackInteraction.BLOCK_ACTIONS.equals(interaction.type())) {
            log.info("Slack interaction ignored type={} user={}", interaction.type(), interaction.userId());
            return new SlackReply.Ephemeral("Sentinel answers only the Approve and Reject buttons of its approval messages.");
        }
        Optional<Vote> vote = vote(interaction.actionId());
        String approvalId = interaction.value();
        if (vote.isEmpty() || approvalId == null) {
            log.info("Slack button ignored actionId={} user={}", interaction.actionId(), interaction.userId());
            return new SlackReply.Ephemeral("That button is not one of Sentinel's: only 'approve' and 'reject' with an approval id are taken.");
        }
        Optional<Identity> person = IdentityProvider.SLACK.validSubject(interaction.userId())
                ? identities.find(IdentityProvider.SLACK, interaction.userId())
                : Optional.empty();
        if (person.isEmpty()) {
            refuse(null, interaction, approvalId, vote.get(), "Slack user not mapped to a person");
            return new SlackReply.Ephemeral("You are not allowed to vote in Sentinel: your Slack user (" + interaction.userId()
                    + ") is not mapped to a person. Ask a Sentinel admin to map it: POST /api/identities "
                    + "{\"provider\": \"slack\", \"subject\": \"" + interaction.userId() + "\", \"name\": ..., \"role\": \"OPERATOR\"}.");
        }
        Caller voter = person.get().caller();
        if (!voter.role().includes(Role.OPERATOR)) {
            refuse(voter, interaction, approvalId, vote.get(), "role " + voter.role() + " may not vote");
            return new SlackReply.Ephemeral("You are not allowed to vote, " + voter.name() + ": your role is " + voter.role()
                    + ", and approving or rejecting needs OPERATOR or ADMIN.");
        }
        return switch (voting.cast(approvalId, vote.get(), null, voter)) {
            case CastOutcome.Cast cast -> voted(cast, interaction);
            case CastOutcome.RoleTooLow tooLow -> {
                refuse(voter, interaction, approvalId, vote.get(), "approval needs " + tooLow.required());
                yield new SlackReply.Ephemeral("You are not allowed to vote on this one, " + voter.name() + ": it needs role "
                        + tooLow.required() + ", and yours is " + tooLow.actual() + ".");
            }
            case CastOutcome.OwnRequest own -> {
                refuse(voter, interaction, approvalId, vote.get(), "voter requested the run");
                yield new SlackReply.Ephemeral("You requested this run, " + voter.name() + "; someone else must approve or reject it.");
            }
            case CastOutcome.AlreadyVoted twice -> new SlackReply.Ephemeral("You voted on this already ("
                    + twice.previous().name().toLowerCase(Locale.ROOT) + "); each person votes once.");
            case CastOutcome.NotPending decided -> new SlackReply.Ephemeral("Too late: approval " + approvalId + " is "
                    + decided.state() + " already.");
            case CastOutcome.Expired expired -> new SlackReply.Ephemeral("Too late: approval " + approvalId + " expired at "
                    + expired.expiresAt() + ".");
            case CastOutcome.UnknownApproval unknown -> new SlackReply.Ephemeral("Sentinel knows no approval " + approvalId + ".");
        };
    }

    private static SlackReply voted(CastOutcome.Cast cast, SlackInteraction interaction) {
        String verb = cast.vote() == Vote.APPROVE ? "approved" : "rejected";
        String mark = cast.vote() == Vote.APPROVE ? ":white_check_mark:" : ":x:";
        String text = mark + " " + cast.voter() + " " + verb + " approval " + cast.approvalId() + " (incident " + cast.incidentId() + ")"
                + (cast.approvalsNeeded() > 1 ? "; it needs " + cast.approvalsNeeded() + " approvals in all" : "")
                + ". Sentinel's policy service decides whether the action runs.";
        // With more approvers to come, the buttons stay; otherwise the message becomes the outcome.
        return new SlackReply.Replace(text, cast.approvalsNeeded() > 1 && cast.vote() == Vote.APPROVE ? interaction.messageBlocks() : null);
    }

    private void refuse(Caller voter, SlackInteraction interaction, String approvalId, Vote vote, String reason) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("via", "slack");
        detail.put("slackUser", interaction.userId());
        if (interaction.userName() != null) {
            detail.put("slackUserName", interaction.userName());
        }
        detail.put("vote", vote);
        detail.put("reason", reason);
        String actor = voter == null ? "slack:" + interaction.userId() : voter.name();
        audit.record(actor, voter == null ? null : voter.role(), REFUSED, approvalId, detail);
        log.info("Slack vote refused approvalId={} slackUser={} actor={} reason={}", approvalId, interaction.userId(), actor, reason);
    }

    private static Optional<Vote> vote(String actionId) {
        if (APPROVE.equals(actionId)) {
            return Optional.of(Vote.APPROVE);
        }
        return REJECT.equals(actionId) ? Optional.of(Vote.REJECT) : Optional.empty();
    }
}
