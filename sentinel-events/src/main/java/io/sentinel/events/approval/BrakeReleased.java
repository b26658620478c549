package io.sentinel.events.approval;

import io.sentinel.events.EventFields;
import java.time.Instant;
import java.util.Set;

/**
 * An admin released the policy service's global brake ({@code POST /api/brake/release}): actions the
 * policy's rules let run alone run alone again. The roles travel with the release because the policy
 * service re-checks them, as it does a vote's: a release by anyone without ADMIN changes nothing. A
 * release applies to the brake engaged before {@code releasedAt}; one that arrives again (same
 * {@code releaseId}) or that predates the brake's engagement releases nothing.
 *
 * @param releaseId     unique per release (the gateway's id for it); what makes a replay recognisable
 * @param releasedBy    the person (or API key) who released it
 * @param reason        why, for the audit trail and whoever reads the next incident's timeline
 * @param releaserRoles the releaser's roles as the gateway authorized them
 */
public record BrakeReleased(String releaseId, String releasedBy, String reason, Instant releasedAt, Set<Role> releaserRoles)
        implements ApprovalEvent {

    /** Every release is about the one global brake: one key keeps releases in order on one partition. */
    public static final String KEY = "brake:global";
    /** A reason is a sentence or two for the audit trail, not a document. */
    public static final int MAX_REASON_LENGTH = 1000;

    public BrakeReleased {
        EventFields.requireText(releaseId, "releaseId");
        EventFields.requireText(releasedBy, "releasedBy");
        EventFields.requireText(reason, "reason");
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("field 'reason' must be at most " + MAX_REASON_LENGTH + " characters, was " + reason.length());
        }
        EventFields.require(releasedAt, "releasedAt");
        releaserRoles = EventFields.copyOf(releaserRoles);
    }

    @Override
    public String key() {
        return KEY;
    }
}
