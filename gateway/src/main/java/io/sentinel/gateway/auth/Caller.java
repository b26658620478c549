package io.sentinel.gateway.auth;

import io.sentinel.events.approval.Role;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A person (or a program holding a key) acting through the gateway, whichever door they came through.
 * Their {@code name} is who votes, audit entries and published events name: one person keeps one name
 * across channels, so that a vote cast in Slack and one cast with an API key count as the same person's.
 *
 * @param id      what the channel knows them by: the API key's id, the token's subject, the Slack user id
 * @param role    the highest role they hold
 * @param channel the door they came through
 */
public record Caller(String id, String name, Role role, Channel channel) implements Principal {

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(channel, "channel");
    }

    /** The role and every role it includes: ADMIN holds OPERATOR and VIEWER, OPERATOR holds VIEWER. */
    public Set<Role> grantedRoles() {
        Set<Role> granted = EnumSet.noneOf(Role.class);
        for (Role candidate : Role.values()) {
            if (role.includes(candidate)) {
                granted.add(candidate);
            }
        }
        return granted;
    }

    /** What the caller presented, as an error message calls it: "your key", "your token", "your Slack user". */
    public String credential() {
        return switch (channel) {
            case API_KEY -> "your key";
            case SSO -> "your token";
            case SLACK -> "your Slack user";
        };
    }

    @Override
    public String getName() {
        return name;
    }
}
