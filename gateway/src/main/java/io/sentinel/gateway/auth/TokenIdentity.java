package io.sentinel.gateway.auth;

import io.sentinel.events.approval.Role;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a verified token stands for, read from its claims the way Keycloak writes them: the person's
 * name from {@code preferred_username}, the role from the realm roles ({@code realm_access.roles})
 * and the client's roles ({@code resource_access.<client>.roles}), where {@code sentinel-admin},
 * {@code sentinel-operator} and {@code sentinel-viewer} map to Sentinel's roles and the highest wins.
 * The token's signature, issuer, audience and expiry are checked before this is asked. Pure.
 */
public final class TokenIdentity {

    public static final String ADMIN_ROLE = "sentinel-admin";
    public static final String OPERATOR_ROLE = "sentinel-operator";
    public static final String VIEWER_ROLE = "sentinel-viewer";
    static final int MAX_NAME_LENGTH = 64;
    /** The same names API keys may have: what votes and audit entries name stays printable and unambiguous. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    private TokenIdentity() {
    }

    /** A verified token's person, or why the token does not make one. */
    public sealed interface Outcome {
    }

    public record Person(Caller caller) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    public static Outcome of(Map<String, Object> claims, String clientId) {
        Object subject = claims.get("sub");
        if (!(subject instanceof String sub) || sub.isBlank()) {
            return new Refused("the token names no subject ('sub')");
        }
        Object username = claims.get("preferred_username");
        if (!(username instanceof String name) || name.isBlank()) {
            return new Refused("the token carries no 'preferred_username'; Sentinel names people by it");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            return new Refused("the token's 'preferred_username' must be 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        Optional<Role> role = highestRole(claims, clientId);
        if (role.isEmpty()) {
            return new Refused("the token grants none of the roles " + ADMIN_ROLE + ", " + OPERATOR_ROLE + ", " + VIEWER_ROLE
                    + " (as a realm role or a role of client '" + clientId + "')");
        }
        return new Person(new Caller(sub, name, role.get(), Channel.SSO));
    }

    /** The highest Sentinel role among the realm's and the client's roles. */
    public static Optional<Role> highestRole(Map<String, Object> claims, String clientId) {
        Role highest = null;
        for (Object granted : roles(claims.get("realm_access"))) {
            highest = higher(highest, granted);
        }
        if (claims.get("resource_access") instanceof Map<?, ?> clients) {
            for (Object granted : roles(clients.get(clientId))) {
                highest = higher(highest, granted);
            }
        }
        return Optional.ofNullable(highest);
    }

    private static Collection<?> roles(Object access) {
        return access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles ? roles : List.of();
    }

    private static Role higher(Role current, Object granted) {
        Role role = granted instanceof String name ? switch (name) {
            case ADMIN_ROLE -> Role.ADMIN;
            case OPERATOR_ROLE -> Role.OPERATOR;
            case VIEWER_ROLE -> Role.VIEWER;
            default -> null;
        } : null;
        if (role == null) {
            return current;
        }
        return current == null || role.includes(current) ? role : current;
    }
}
