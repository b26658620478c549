package io.sentinel.gateway.identity;

import io.sentinel.events.approval.Role;
import io.sentinel.gateway.auth.Caller;
import io.sentinel.gateway.auth.Channel;
import java.time.Instant;

/**
 * A person as another system knows them: the Slack user {@code subject} is {@code name}, with {@code role}.
 *
 * @param name who votes and audit entries name; the same name as the person's API key or single
 *             sign-on username, so that a person votes once whichever channel they use
 */
public record Identity(String provider, String subject, String name, Role role, Instant createdAt, String createdBy, Instant updatedAt,
                       String updatedBy) {

    /** The person, acting through Slack. */
    public Caller caller() {
        return new Caller(subject, name, role, Channel.SLACK);
    }
}
