package io.sentinel.events.approval;

import io.sentinel.events.EventFields;
import io.sentinel.events.IncidentScoped;
import java.time.Instant;
import java.util.Set;

/**
 * Someone approved or rejected a pending action. The roles travel with the vote because the policy
 * service re-checks them: the gateway's authorization is not the only line of defence.
 *
 * @param causationId the id of the {@code ApprovalRequested} event voted on
 */
public record ApprovalVoteCast(String incidentId, String causationId, String approvalId, String voter, Set<Role> voterRoles,
                               Vote vote, String comment, Instant castAt) implements ApprovalEvent, IncidentScoped {

    public ApprovalVoteCast {
        EventFields.requireText(incidentId, "incidentId");
        EventFields.requireText(causationId, "causationId");
        EventFields.requireText(approvalId, "approvalId");
        EventFields.requireText(voter, "voter");
        voterRoles = EventFields.copyOf(voterRoles);
        EventFields.require(vote, "vote");
        EventFields.require(castAt, "castAt");
    }
}
