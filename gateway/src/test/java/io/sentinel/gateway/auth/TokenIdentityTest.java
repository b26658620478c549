package io.sentinel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.events.approval.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keycloak's claims to a person and a role. */
class TokenIdentityTest {

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("a realm role", realm("sentinel-viewer"), null, Optional.of(Role.VIEWER)),
                Arguments.of("a client role", null, client("sentinel", "sentinel-operator"), Optional.of(Role.OPERATOR)),
                Arguments.of("the highest of several realm roles", realm("sentinel-viewer", "sentinel-admin", "sentinel-operator"), null,
                        Optional.of(Role.ADMIN)),
                Arguments.of("the highest of realm and client roles", realm("sentinel-operator"), client("sentinel", "sentinel-admin"),
                        Optional.of(Role.ADMIN)),
                Arguments.of("a realm role above a client role", realm("sentinel-admin"), client("sentinel", "sentinel-viewer"),
                        Optional.of(Role.ADMIN)),
                Arguments.of("another client's roles do not count", null, client("grafana", "sentinel-admin"), Optional.empty()),
                Arguments.of("other roles do not count", realm("offline_access", "uma_authorization", "admin", "SENTINEL-ADMIN"), null,
                        Optional.empty()),
                Arguments.of("no roles at all", null, null, Optional.empty()),
                Arguments.of("roles that are not a list", Map.of("roles", "sentinel-admin"), null, Optional.empty()),
                Arguments.of("roles that are not text", Map.of("roles", List.of(1, true)), null, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void mapsKeycloakRolesToTheHighestSentinelRole(String scenario, Object realmAccess, Object resourceAccess, Optional<Role> expected) {
        Map<String, Object> claims = new HashMap<>();
        if (realmAccess != null) {
            claims.put("realm_access", realmAccess);
        }
        if (resourceAccess != null) {
            claims.put("resource_access", resourceAccess);
        }
        assertThat(TokenIdentity.highestRole(claims, "sentinel")).isEqualTo(expected);
    }

    @Test
    void thePersonIsTheirPreferredUsernameActingThroughSingleSignOn() {
        var outcome = TokenIdentity.of(Map.of("sub", "f3a1-42", "preferred_username", "alice@example.com",
                "realm_access", realm("sentinel-operator")), "sentinel");
        assertThat(outcome).isEqualTo(new TokenIdentity.Person(new Caller("f3a1-42", "alice@example.com", Role.OPERATOR, Channel.SSO)));
    }

    @Test
    void refusesATokenThatNamesNobodyUsableOrGrantsNoRole() {
        assertThat(TokenIdentity.of(Map.of("preferred_username", "alice", "realm_access", realm("sentinel-admin")), "sentinel"))
                .isEqualTo(new TokenIdentity.Refused("the token names no subject ('sub')"));
        assertThat(TokenIdentity.of(Map.of("sub", "1", "realm_access", realm("sentinel-admin")), "sentinel"))
                .isEqualTo(new TokenIdentity.Refused("the token carries no 'preferred_username'; Sentinel names people by it"));
        for (String name : List.of("alice smith", "bob\nadmin", "-dash", "x".repeat(65))) {
            assertThat(TokenIdentity.of(Map.of("sub", "1", "preferred_username", name, "realm_access", realm("sentinel-admin")), "sentinel"))
                    .as(name).isInstanceOf(TokenIdentity.Refused.class);
        }
        assertThat(TokenIdentity.of(Map.of("sub", "1", "preferred_username", "alice"), "sentinel")).isEqualTo(new TokenIdentity.Refused(
                "the token grants none of the roles sentinel-admin, sentinel-operator, sentinel-viewer (as a realm role or a role of client 'sentinel')"));
    }

    private static Map<String, Object> realm(String... roles) {
        return Map.of("roles", List.of(roles));
    }

    private static Map<String, Object> client(String client, String... roles) {
        return Map.of(client, Map.of("roles", List.of(roles)));
    }
}
